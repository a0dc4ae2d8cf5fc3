"""Checking a FHIR export before it is written, and the JSON text that is written.

fhir.resources checks the shape of every element but not the codes a required binding
allows (a status of "foo" passes) and not how a response fits its questionnaire, so this
module checks both first: Bundle.type, Questionnaire.status, every item.type and
QuestionnaireResponse.status against ``codes.yaml``; every linkId of the questionnaire
used once; every response item found in the questionnaire, in the same group, with the
answer type its item type takes. Then fhir.resources validates the whole, and its model
writes the JSON, so the file holds exactly what was validated.
"""

from __future__ import annotations

from typing import Any

from ..errors import StoreError
from .questionnaire import codes, link_index

PIP_HINT = (
    "FHIR-eksport kræver pakken fhir.resources, som ikke er installeret; "
    "installér den med: pip install 'samtale[fhir]'"
)


class FhirError(StoreError):
    """The FHIR export cannot be made; the message is Danish."""


def _fhir_models() -> tuple[Any, Any]:
    """fhir.resources' R4B Bundle and Questionnaire, imported only now (they take a while)."""
    try:
        from fhir.resources.R4B.bundle import Bundle
        from fhir.resources.R4B.questionnaire import Questionnaire
    except ImportError:
        raise FhirError(PIP_HINT) from None
    return Bundle, Questionnaire


def require_fhir() -> None:
    """Raise FhirError with the pip command when fhir.resources is not installed."""
    _fhir_models()


def _code(where: str, value: Any) -> None:
    allowed = codes()["code_sets"][where]
    if value not in allowed:
        raise FhirError(
            f"FHIR-eksporten er ikke lavet: {where} er '{value}', som FHIR ikke kender "
            f"(tilladt: {', '.join(allowed)})."
        )


def check_questionnaire(data: dict[str, Any]) -> None:
    """Its status and item types are FHIR codes, and no linkId is used twice."""
    _code("Questionnaire.status", data.get("status"))
    seen: set[str] = set()

    def visit(items: list[dict[str, Any]]) -> None:
        for item in items:
            _code("Questionnaire.item.type", item.get("type"))
            link_id = str(item.get("linkId"))
            if link_id in seen:
                raise FhirError(
                    f"FHIR-eksporten er ikke lavet: linkId '{link_id}' står to gange i "
                    "spørgeskemaet."
                )
            seen.add(link_id)
            visit(item.get("item") or [])

    visit(data.get("item") or [])


def check_response(data: dict[str, Any], questionnaire: dict[str, Any]) -> None:
    """Its status is a FHIR code, and every item is where the questionnaire has it, with an
    answer of its type."""
    _code("QuestionnaireResponse.status", data.get("status"))
    wanted = f"{questionnaire.get('url')}|{questionnaire.get('version')}"
    if data.get("questionnaire") != wanted:
        raise FhirError(
            f"FHIR-eksporten er ikke lavet: svaret peger på spørgeskemaet "
            f"'{data.get('questionnaire')}', ikke på '{wanted}'."
        )
    index = link_index(questionnaire)
    takes = codes()["answer_value"]

    def visit(items: list[dict[str, Any]], parent: str | None) -> None:
        for item in items:
            link_id = str(item.get("linkId"))
            if link_id not in index:
                raise FhirError(
                    f"FHIR-eksporten er ikke lavet: svaret '{link_id}' findes ikke i spørgeskemaet."
                )
            question, group = index[link_id]
            if group != parent:
                raise FhirError(
                    f"FHIR-eksporten er ikke lavet: svaret '{link_id}' står under "
                    f"'{parent or 'roden'}', men spørgeskemaet har det under '{group or 'roden'}'."
                )
            allowed = takes.get(question.get("type"), [])
            for answer in item.get("answer") or []:
                kinds = [k for k in answer if k.startswith("value")]
                if len(kinds) != 1 or kinds[0] not in allowed:
                    raise FhirError(
                        f"FHIR-eksporten er ikke lavet: svaret '{link_id}' har "
                        f"{', '.join(kinds) or 'ingen værdi'}, men et spørgsmål af typen "
                        f"{question.get('type')} tager {', '.join(allowed) or 'intet svar'}."
                    )
            visit(item.get("item") or [], link_id)

    visit(data.get("item") or [], None)


def check_bundle(data: dict[str, Any]) -> None:
    """Bundle.type is a FHIR code; its Questionnaire and every response to it are checked."""
    _code("Bundle.type", data.get("type"))
    resources = [e.get("resource") or {} for e in data.get("entry") or []]
    questionnaires = {
        f"{r.get('url')}|{r.get('version')}": r
        for r in resources
        if r.get("resourceType") == "Questionnaire"
    }
    for resource in resources:
        if resource.get("resourceType") == "Questionnaire":
            check_questionnaire(resource)
        elif resource.get("resourceType") == "QuestionnaireResponse":
            found = questionnaires.get(str(resource.get("questionnaire")))
            if found is None:
                raise FhirError(
                    "FHIR-eksporten er ikke lavet: spørgeskemaet, som svaret peger på, er "
                    "ikke med i samlingen."
                )
            check_response(resource, found)


def validated(data: dict[str, Any]) -> Any:
    """The resource checked here and validated by fhir.resources (R4B), as its model."""
    bundle_model, questionnaire_model = _fhir_models()
    kind = data.get("resourceType")
    if kind == "Bundle":
        check_bundle(data)
        model = bundle_model
    elif kind == "Questionnaire":
        check_questionnaire(data)
        model = questionnaire_model
    else:
        raise FhirError(f"FHIR-eksporten er ikke lavet: {kind} eksporteres ikke.")
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise FhirError(
            f"FHIR-eksporten er ikke lavet: fhir.resources afviste den ({exc.error_count()} "
            f"fejl; den første: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']})."
        ) from None


def fhir_json(data: dict[str, Any]) -> str:
    """The resource, checked and validated, as the JSON text to write (UTF-8 characters kept)."""
    # every string went through fhir_text, so none holds a control character
    return str(validated(data).model_dump_json(indent=2, exclude_none=True)) + "\n"
