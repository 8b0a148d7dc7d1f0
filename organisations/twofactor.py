"""Two-factor authentication with a time-based code (TOTP) from an authenticator app."""

from __future__ import annotations

import base64

from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice


def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per user), created when first needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Brede Blik", confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The secret in the base32 form authenticator apps accept when typed in."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device: TOTPDevice, title: str) -> str:
    """An inline SVG QR code of the otpauth:// address: no JavaScript, no external image."""
    import segno  # loaded only where a code is drawn

    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=title, border=4, omitsize=True
    )


def clean_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "") if ch.isdigit())


def confirm_device(request, device: TOTPDevice, code: str) -> bool:
    """Check the first code from the app: if right, the device counts and the session is verified.

    Any other device of the user is removed: one phone per account."""
    code = clean_code(code)
    if len(code) != 6 or not device.verify_token(code):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True


def verify_session(request, code: str) -> bool:
    code = clean_code(code)
    if len(code) != 6:
        return False
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(code):
            otp_login(request, device)
            return True
    return False
