"""Knowledge: documents — what this part registers with the core registries."""


def register() -> None:
    pass
