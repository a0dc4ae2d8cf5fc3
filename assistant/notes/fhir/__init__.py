"""FHIR export (HL7 FHIR R4B, 4.3.0): a guide as a ``Questionnaire``, a note as a
``QuestionnaireResponse``, both in one ``collection`` Bundle.

R4B is the release closest to the R4 that Danish care records exchange; ``fhir.resources``
(the optional extra ``samtale[fhir]``) builds and validates them, imported only when a FHIR
export is asked for, so that the program starts as fast without it.

- ``codes.yaml``: the code sets FHIR requires and how Samtale's words map onto them;
- ``questionnaire``: the guide as a Questionnaire, and the names (url, version, linkIds);
- ``response``: the note as a QuestionnaireResponse, and the Bundle holding both;
- ``check``: the codes and linkIds that fhir.resources does not check, then its validation,
  and the JSON text that is written.
"""
