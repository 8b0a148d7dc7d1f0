import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assessments.models import Assessment
from assessments.selectors import webs_of_visitor
from core import code_guard
from core.redirects import safe_next
from core.roles import requires_two_factor
from organisations.twofactor import has_confirmed_device
from people import personal_data, services
from people.forms import (
    AttachForm,
    ChoosePasswordForm,
    DeleteAccountForm,
    LoginForm,
    SignupForm,
)
from people.landing import landing_page

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SIGNUP_SESSION_KEY = "people.signup"


def _anonymous_webs(request: HttpRequest) -> list[Assessment]:
    """Webs this browser remembers that belong to no account yet: what can be attached."""
    return [w for w in webs_of_visitor(request) if w.owner_id is None]


def _say_attached(request: HttpRequest, count: int) -> None:
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d web is now in your account.",
                "%(count)d webs are now in your account.",
                count,
            )
            % {"count": count},
        )


class LoginView(auth_views.LoginView):
    template_name = "people/login.html"
    form_class = LoginForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["offered"] = _anonymous_webs(self.request)
        return kwargs

    def get_default_redirect_url(self) -> str:
        return landing_page(self.request.user)

    def form_valid(self, form):
        response = super().form_valid(form)
        _say_attached(
            self.request, services.attach_chosen(form.get_user(), form.offered, form.chosen_webs())
        )
        return response

    def get_success_url(self) -> str:
        """Who sees other people's data is asked for the second step right here, at login."""
        target = super().get_success_url()
        if not requires_two_factor(self.request.user):
            return target
        step = (
            "organisations:two_factor_verify"
            if has_confirmed_device(self.request.user)
            else "organisations:two_factor_setup"
        )
        return f"{reverse(step)}?{urlencode({'next': target})}"


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Step 1: an address. The same answer whether or not it already has an account."""
    if request.user.is_authenticated:
        return redirect("people:my_webs")
    offered = _anonymous_webs(request)
    form = SignupForm(request.POST if request.method == "POST" else None, offered=offered)
    if request.method == "POST" and form.is_valid():
        # Remembered in this browser, used when the link is opened here.
        request.session[SIGNUP_SESSION_KEY] = {
            "attach": form.chosen_webs(),
            "next": _safe_next(request),
        }
        services.request_account(form.cleaned_data["email"], lambda user: _link(request, user))
        return redirect("people:signup_sent")
    return render(request, "people/signup.html", {"form": form, "next": _safe_next(request)})


def _link(request: HttpRequest, user) -> str:
    uidb64, token = services.confirmation_link_parts(user)
    return request.build_absolute_uri(reverse("people:confirm_account", args=[uidb64, token]))


@require_GET
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "people/signup_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_account(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Step 2: the link from the e-mail; choosing a password switches the account on."""
    user = services.unconfirmed_user(uidb64, token)
    if user is None:
        # A 404 here counts as a wrong guess (core.middleware.CodeGuardMiddleware).
        return render(request, "people/confirm_invalid.html", status=404)
    form = ChoosePasswordForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        services.confirm_account(user, form.cleaned_data["password1"])
        pending = request.session.pop(SIGNUP_SESSION_KEY, {}) or {}
        offered = _anonymous_webs(request)
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, _("Welcome! Your account is ready."))
        _say_attached(request, services.attach_chosen(user, offered, pending.get("attach", [])))
        return redirect(safe_next(request, pending.get("next", "")) or "people:my_webs")
    return render(request, "people/confirm_account.html", {"form": form, "email": user.email})


def _safe_next(request: HttpRequest) -> str:
    """Where to go after signing up (e.g. back to the web being shared), if it is on this site."""
    return safe_next(request, request.POST.get("next") or request.GET.get("next") or "")


@require_GET
def my_webs(request: HttpRequest) -> HttpResponse:
    webs = webs_of_visitor(request).order_by("-created_at")
    language = get_language()
    rows = [
        {
            "web": web,
            "name": web.definition.name.get(language),
            "next_part": min(web.current_dimension + 1, len(web.definition.dimensions)),
        }
        for web in webs
    ]
    return render(request, "people/my_webs.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def attach(request: HttpRequest) -> HttpResponse:
    form = AttachForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and code_guard.is_blocked(request):
        form.add_error("reference", code_guard.too_many_tries_message())
    elif request.method == "POST" and form.is_valid():
        web = services.find_web_by_reference(form.cleaned_data["reference"])
        if web is None:
            code_guard.count_wrong_guess(request)
            form.add_error(
                "reference",
                _(
                    "We could not find a web with this link or code, or it is already in an "
                    "account. Check the code and try again."
                ),
            )
        else:
            _say_attached(request, services.attach_chosen(request.user, [web], [web.public_id]))
            return redirect("people:my_webs")
    return render(request, "people/attach.html", {"form": form})


@never_cache
@login_required
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    data = personal_data.collect(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"brede-blik-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def export_pdf(request: HttpRequest) -> HttpResponse:
    webs = list(
        Assessment.objects.filter(owner=request.user, status=Assessment.Status.COMPLETED)
        .select_related("instrument")
        .order_by("created_at")
    )
    if not webs:
        messages.info(request, _("You have no finished webs yet, so there is nothing to print."))
        return redirect("people:my_webs")
    from assessments.report import render_report_pdf  # ReportLab loads only for a PDF

    response = HttpResponse(render_report_pdf(webs, get_language()), content_type="application/pdf")
    filename = f"brede-blik-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            personal_data.erase_everything(request.user)
        except (ProtectedError, RestrictedError):
            # Another record still needs this data; the transaction rolled back, so nothing is gone.
            messages.error(
                request,
                _(
                    "Your account could not be deleted right now; nothing has been deleted. "
                    "Please contact the privacy officer of Brede Blik."
                ),
            )
            return redirect("people:delete_account")
        logout(request)
        messages.success(request, _("Your account and all your data have been deleted. Take care!"))
        return redirect("core:home")
    return render(
        request,
        "people/delete_account.html",
        {"form": form, "web_count": Assessment.objects.filter(owner=request.user).count()},
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset: it mails only existing, active accounts and always answers the same."""

    template_name = "people/password_reset.html"
    email_template_name = "people/email/password_reset.txt"
    subject_template_name = "people/email/password_reset_subject.txt"
    success_url = reverse_lazy("people:password_reset_sent")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_done")
