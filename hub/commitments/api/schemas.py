from ninja import Schema


class CommitmentOut(Schema):
    number: int
    key: str
    short_title: str
    text: str
    source: str
