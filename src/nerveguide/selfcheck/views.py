"""The Symptomtjek web flow: one question per page, answers carried in the form (never in a
session, the database, a log or a URL), every response marked no-store."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from nerveguide.danish import contacts as carecontacts
from nerveguide.selfcheck import engine, flow, freetext

TEXT_MAX = 2000


class TextForm(forms.Form):
    """The optional free-text description on the start page (`tekst`, at most TEXT_MAX
    characters)."""

    tekst = forms.CharField(
        label="Beskriv dit problem med dine egne ord (valgfrit)",
        help_text="Fx hvor det gør ondt, hvor længe du har haft det, og om det stråler ud i arm eller ben.",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AnswerForm(forms.Form):
    """One question; its answer arrives as `svar`."""

    def __init__(self, question: flow.Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["svar"] = forms.ChoiceField(
            label=question.text,
            help_text=question.help,
            choices=question.choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Vælg et af svarene.",
                "invalid_choice": "Vælg et af svarene.",
            },
        )


class PostcodeForm(forms.Form):
    """The optional postcode on the summary page, sent with the request for the result; used
    only to show the region's lægevagt number and the clinic-finder link, never stored."""

    postnummer = forms.CharField(
        label="Dit postnummer (valgfrit)",
        help_text="Så kan vi vise nummeret til lægevagten i din region. Vi gemmer det ikke.",
        required=False,
        max_length=4,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}
        ),
    )

    def clean_postnummer(self) -> str:
        """The stripped postcode ("" when left out); ValidationError unless it is a known
        four-digit Danish postcode."""
        postcode = self.cleaned_data["postnummer"].strip()
        if postcode and flow.region_for_postcode(postcode) is None:
            raise forms.ValidationError("Skriv et dansk postnummer med fire cifre, fx 8000.")
        return postcode


@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """GET: the start page with the empty text form (not cached)."""
    return render(request, "selfcheck/start.html", {"form": TextForm()})


@never_cache
@require_POST
def step(request: HttpRequest) -> HttpResponse:
    """Every step of the flow posts here; `handling` says what the person pressed."""
    try:
        answers = flow.decode(request.POST)
    except engine.AnswerError:
        return render(
            request, "selfcheck/start.html", {"form": TextForm(), "state_error": True}, status=400
        )
    skip = frozenset(k for k in request.POST.getlist("fra_tekst") if k in engine.ruleset().keys)
    action = request.POST.get("handling", "")
    if action == "start":
        return _start(request)
    if action == "svar":
        return _answer(request, answers, skip)
    if action == "tilbage":
        return _back(request, answers, skip)
    if action.startswith("ret:"):
        key = action.removeprefix("ret:")
        if key in engine.ruleset().keys:
            return _question(request, key, answers, skip, returning=True)
    if action == "resultat":
        return _result(request, answers, skip)
    return _summary(request, answers, skip)


def _start(request: HttpRequest) -> HttpResponse:
    form = TextForm(request.POST)
    if not form.is_valid():
        return render(request, "selfcheck/start.html", {"form": form}, status=400)
    answers: dict = {}
    skip: frozenset = frozenset()
    text = form.cleaned_data["tekst"].strip()
    if text:
        found = freetext.read_text(text).found
        answers = dict(found)
        # A warning sign the text denied, doubted or read as a milder value is asked again, with
        # the reading pre-filled: a misread negation must never be what hides a red flag.
        skip = flow.skip_from_text(found)
    return _forward(request, answers, skip, after=None, confirm=True)


def _forward(request, answers, skip, after, confirm=False):
    if flow.is_urgent_stop(answers):
        return _result(request, answers, skip)
    key = flow.next_question(answers, after=after, skip=skip, confirm=confirm)
    if key is None:
        return _summary(request, answers, skip)
    return _question(request, key, answers, skip)


def _answer(request: HttpRequest, answers: dict, skip: frozenset) -> HttpResponse:
    key = request.POST.get("sporgsmaal", "")
    if key not in engine.ruleset().keys:
        return _summary(request, answers, skip)
    form = AnswerForm(flow.content().question(key), request.POST)
    returning = request.POST.get("tilbage_til") == "opsummering"
    if not form.is_valid():
        return _question(request, key, answers, skip, returning=returning, form=form, status=400)
    answers[key] = flow.decode_one(key, form.cleaned_data["svar"])
    if returning and not flow.is_urgent_stop(answers):
        return _summary(request, answers, skip)
    return _forward(request, answers, skip, after=key)


def _back(request: HttpRequest, answers: dict, skip: frozenset) -> HttpResponse:
    order = [q.key for q in flow.content().questions]
    current = request.POST.get("sporgsmaal")
    before = order[: order.index(current)] if current in order else order
    earlier = [key for key in before if key not in skip]
    if not earlier:
        return render(request, "selfcheck/start.html", {"form": TextForm()})
    return _question(request, earlier[-1], answers, skip)


def _question(request, key, answers, skip, returning=False, form=None, status=200) -> HttpResponse:
    question = flow.content().question(key)
    if form is None:
        initial = {"svar": flow.encode(key, answers[key])} if key in answers else {}
        form = AnswerForm(question, initial=initial)
    number, total = flow.progress(key)
    context = {
        # a warning sign the text already spoke of, asked again for confirmation
        "prefilled": key in answers and not returning,
        "form": form,
        "question": question,
        "number": number,
        "total": total,
        "returning": returning,
        "state": _state(answers, skip),
    }
    return render(request, "selfcheck/question.html", context, status=status)


def _summary(request, answers, skip, postcode_form=None, status=200) -> HttpResponse:
    missing = flow.next_question(answers, skip=skip)
    if missing is not None:  # the person jumped here early; ask what is left
        return _question(request, missing, answers, skip)
    context = {
        "rows": flow.summary(answers),
        "from_text": skip,
        "postcode_form": postcode_form or PostcodeForm(),
        "state": _state(answers, skip),
    }
    return render(request, "selfcheck/summary.html", context, status=status)


def _result(request, answers, skip) -> HttpResponse:
    # A mistyped postcode never takes the result away (an akut page must stay on screen): the
    # result is shown with the error next to the field and every region's number.
    postcode_form = PostcodeForm(request.POST)
    valid = postcode_form.is_valid()
    result = engine.evaluate(answers)
    if not valid and result.level != "akut":  # the summary page asked for it: show it there
        return _summary(request, answers, skip, postcode_form=postcode_form, status=400)
    region = (
        flow.region_for_postcode(postcode_form.cleaned_data.get("postnummer", ""))
        if valid
        else None
    )
    contact = carecontacts.laegevagt_for_region(region) if region else None
    context = {
        "result": result,
        "reasons": flow.reasons_for_level(result),
        "cauda_equina": flow.cauda_equina(result),
        "doctor_open": flow.doctor_open(flow.now()),
        "laegevagt_one": contact,
        "postcode_form": postcode_form,
        "from_text": bool(skip),
        "level": flow.content().levels[result.level],
        "stopped_early": flow.next_question(answers, skip=skip) is not None,
        "rows": flow.summary(answers),
        "advice": flow.advice(answers),
        "articles": flow.articles(answers, result.level),
        "emergency": carecontacts.emergency_number(),
        "laegevagt": [contact] if contact else carecontacts.laegevagt_contacts(),
        "region": region,
        # Only a known postcode (never an answer) goes into the finder link (issue 14).
        "postcode": postcode_form.cleaned_data.get("postnummer", "") if region else "",
        "state": _state(answers, skip),
    }
    return render(request, "selfcheck/result.html", context, status=200 if valid else 400)


def _state(answers: dict, skip: frozenset) -> list[tuple[str, str]]:
    """Hidden fields that carry the answers so far to the next page."""
    fields = [(flow.FIELD_PREFIX + key, flow.encode(key, value)) for key, value in answers.items()]
    return fields + [("fra_tekst", key) for key in sorted(skip)]
