"""Demo documents for the library: synthetic papers, reports, minutes and statutes by fictional demo
members and the secretariat, in English, French and Spanish, at every level, as small PDF, DOCX and
plain-text files generated here. Their text is read at once, so search finds them straight away.
Idempotent: a document already there (by title) is left alone."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from hub.core.models import Visibility
from hub.core.viewer import Viewer
from hub.knowledge.models.documents import Document
from hub.knowledge.services.documents import DocumentInput
from hub.knowledge.services.documents import document_upload
from hub.knowledge.services.documents_extract import document_extract
from hub.members.demo import demo_pdf
from hub.members.demo import member_persona
from hub.members.demo import persona
from hub.members.models import Member

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class DemoDocument:
    title: str
    kind: str
    language: str
    dated: datetime.date
    member: str | None  # the fictional author member, None for the secretariat
    visibility: str
    file: str  # "pdf", "docx", "txt" or "scan" (a PDF without text: its text cannot be read)
    summary: str
    paragraphs: tuple[str, ...]


DOCUMENTS = [
    DemoDocument(
        "Demoland national action plan on online child protection (synthetic)",
        "paper",
        "en",
        datetime.date(2025, 3, 14),
        "Demoland",
        Visibility.PUBLIC,
        "pdf",
        "An invented national plan: prevention, reporting, victim support and cooperation with platforms.",
        (
            "Demoland commits to a whole-of-government approach against child sexual exploitation and abuse online.",
            "The plan sets up a national reporting hotline, training for investigators and support for survivors.",
        ),
    ),
    DemoDocument(
        "Fictonia : bonnes pratiques de protection des enfants en ligne (synthétique)",
        "paper",
        "fr",
        datetime.date(2025, 6, 2),
        "Fictonia",
        Visibility.PUBLIC,
        "docx",
        "Un recueil inventé de bonnes pratiques de protection des enfants en ligne.",
        (
            "Les bonnes pratiques de Fictonia associent les écoles, les familles et les plateformes numériques.",
            "La ligne d'écoute nationale et la coopération avec la police sont au cœur du dispositif.",
        ),
    ),
    DemoDocument(
        "Samplevia: guía para denunciar la explotación sexual infantil en línea (sintético)",
        "report",
        "es",
        datetime.date(2025, 9, 20),
        "Samplevia",
        Visibility.TASKFORCE,
        "txt",
        "Una guía inventada sobre cómo denunciar y cómo apoyar a las víctimas.",
        (
            "Samplevia publica una guía para denunciar contenidos de explotación sexual infantil en línea.",
            "La guía explica el papel de la línea directa nacional y de las fuerzas del orden.",
        ),
    ),
    DemoDocument(
        "Demoland working group minutes on safety by design (synthetic)",
        "minutes",
        "en",
        datetime.date(2025, 11, 5),
        "Demoland",
        Visibility.MEMBER,
        "txt",
        "Invented minutes of Demoland's internal working group.",
        (
            "The working group reviewed safety-by-design expectations for online services operating in Demoland.",
            "Action: the ministry drafts guidance on age-appropriate design before the next plenary.",
        ),
    ),
    DemoDocument(
        "Examplestan statute on online grooming offences (synthetic)",
        "statute",
        "en",
        datetime.date(2024, 12, 1),
        "Examplestan",
        Visibility.TASKFORCE,
        "pdf",
        "An invented statute criminalising online grooming.",
        (
            "Article 1. Communicating with a child online in order to commit a sexual offence is an offence.",
            "Article 2. Service providers report suspected grooming to the national authority.",
        ),
    ),
    DemoDocument(
        "Secretariat briefing on the 2026 reporting cycle (synthetic)",
        "report",
        "en",
        datetime.date(2026, 1, 15),
        None,
        Visibility.SECRETARIAT,
        "docx",
        "An invented internal briefing of the secretariat.",
        (
            "The secretariat plans the 2026 reporting cycle and the review of progress reports.",
            "Reminders go to focal points two weeks before the deadline.",
        ),
    ),
    DemoDocument(
        "Taskforce note on preferred terminology (synthetic)",
        "paper",
        "en",
        datetime.date(2025, 4, 30),
        None,
        Visibility.PUBLIC,
        "txt",
        "An invented note recalling the terms the Taskforce prefers.",
        (
            "The Taskforce follows the Luxembourg Terminology Guidelines.",
            "Prefer 'child sexual abuse material' and 'child sexual exploitation and abuse online'.",
        ),
    ),
    DemoDocument(
        "Mockovia report on hotline capacity (synthetic)",
        "report",
        "en",
        datetime.date(2025, 10, 10),
        "Mockovia",
        Visibility.TASKFORCE,
        "pdf",
        "An invented assessment of Mockovia's reporting hotline.",
        (
            "Mockovia's hotline doubled its analysts and now answers reports within one working day.",
            "Cooperation with international hotline networks speeds up removal of abuse material.",
        ),
    ),
    DemoDocument(
        "Fictonia : rapport sur la coopération avec les plateformes (synthétique)",
        "report",
        "fr",
        datetime.date(2026, 2, 3),
        "Fictonia",
        Visibility.MEMBER,
        "pdf",
        "Un rapport inventé sur la coopération entre Fictonia et les plateformes.",
        (
            "Fictonia a signé des accords de coopération avec trois plateformes numériques.",
            "Les signalements transmis par les plateformes ont augmenté de moitié.",
        ),
    ),
    DemoDocument(
        "Illustria statute on support services for victims (synthetic)",
        "statute",
        "en",
        datetime.date(2024, 6, 18),
        "Illustria",
        Visibility.PUBLIC,
        "docx",
        "An invented statute on support services for victims and survivors.",
        (
            "Every victim of online sexual abuse has the right to free psychological and legal support.",
            "The national victim support service coordinates with schools and health services.",
        ),
    ),
    DemoDocument(
        "Testland paper on age assurance (synthetic)",
        "paper",
        "en",
        datetime.date(2026, 3, 9),
        "Testland",
        Visibility.TASKFORCE,
        "txt",
        "An invented discussion paper on age assurance.",
        (
            "Testland compares age assurance methods for their accuracy and their respect of privacy.",
            "The paper recommends proportionate checks for services that host adult content.",
        ),
    ),
    DemoDocument(
        "Placeholdia scanned letter to the secretariat (synthetic)",
        "other",
        "en",
        datetime.date(2025, 8, 1),
        "Placeholdia",
        Visibility.TASKFORCE,
        "scan",
        "An invented scanned letter: its text cannot be read, so it is found by its title.",
        (),
    ),
]


def _docx(name: str, title: str, paragraphs: tuple[str, ...]) -> SimpleUploadedFile:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph("Synthetic demo document: invented for the demonstration.")
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Synthetic"
    table.rows[0].cells[1].text = "Demo data"
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=DOCX)


def _scan(name: str) -> SimpleUploadedFile:
    """A one-page PDF with no text at all, as a scanned letter is."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def demo_file(d: DemoDocument, stem: str) -> SimpleUploadedFile:
    if d.file == "pdf":
        return demo_pdf(f"{stem}.pdf", d.title, list(d.paragraphs))
    if d.file == "docx":
        return _docx(f"{stem}.docx", d.title, d.paragraphs)
    if d.file == "scan":
        return _scan(f"{stem}.pdf")
    body = "\n\n".join([d.title, "Synthetic demo document: invented for the demonstration.", *d.paragraphs])
    return SimpleUploadedFile(f"{stem}.txt", body.encode("utf-8"), content_type="text/plain")


def _uploader(d: DemoDocument, member: Member | None) -> Viewer:
    if member is None or d.visibility in (Visibility.PUBLIC, Visibility.SECRETARIAT):
        return persona("secretariat")  # publishing is the secretariat's
    return member_persona(member)


def seed_documents() -> list[str]:
    existing = set(Document.objects.filter(is_synthetic=True).values_list("title", flat=True))
    members = {m.name: m for m in Member.objects.filter(is_synthetic=True, name__in={d.member for d in DOCUMENTS})}
    created = 0
    for number, d in enumerate(DOCUMENTS, start=1):
        if d.title in existing or (d.member is not None and d.member not in members):
            continue
        member = members.get(d.member or "")
        document = document_upload(
            viewer=_uploader(d, member),
            data=DocumentInput(
                title=d.title,
                kind=d.kind,
                language=d.language,
                dated=d.dated,
                author_member=member,
                summary=d.summary,
                visibility=d.visibility,
                is_synthetic=True,
            ),
            upload=demo_file(d, f"demo-document-{number:02d}"),
            via="demo",
        )
        document_extract(document_id=document.pk)
        created += 1
    lines = [f"Demo library documents: {created} created (synthetic, fictional members only)."] if created else []
    return [*lines, "summary: " + documents_summary()]


def documents_summary() -> str:
    demo = Document.objects.filter(is_synthetic=True)
    return (
        f"Library: {demo.count()} documents ({demo.filter(visibility=Visibility.PUBLIC).count()} public, "
        f"{demo.filter(visibility=Visibility.MEMBER).count()} member level, "
        f"{demo.filter(visibility=Visibility.SECRETARIAT).count()} secretariat level; "
        f"{demo.filter(extraction=Document.Extraction.FAILED).count()} whose text could not be read)"
    )
