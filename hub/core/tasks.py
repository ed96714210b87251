"""Background tasks of the core: e-mail. Every task is idempotent.

Every e-mail is queued through `email_after_commit`, which also records a notification for each
recipient who has an account (the notifications page mirrors what was e-mailed).

A queued e-mail's body may hold a one-time link, so the task's stored arguments hold it encrypted.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django_tasks import task

from hub.core.crypto import decrypt
from hub.core.crypto import encrypt
from hub.core.services import notifications_record

PURPOSE = "queued-email"


@task()
def send_email_task(*, to: list[str], subject: str, sealed_body: str) -> int:
    """Send one plain-text e-mail. Callers make it idempotent with a unique 'sent' record."""
    body = decrypt(sealed_body, purpose=PURPOSE)
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    return message.send(fail_silently=False)


def email_after_commit(*, to: list[str], subject: str, body: str) -> None:
    """Queue an e-mail once the current transaction commits (never for a rolled-back write), and keep a
    notification of it for each recipient who has an account (in the same transaction)."""
    notifications_record(to=to, subject=subject, body=body)
    sealed = encrypt(body, purpose=PURPOSE)
    transaction.on_commit(lambda: send_email_task.enqueue(to=to, subject=subject, sealed_body=sealed))
