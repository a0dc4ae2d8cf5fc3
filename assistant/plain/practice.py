"""Plain line mode for practice: a solo conversation with a simulated resident and the coach, or
a trio's round with the observer's tally and feedback, on stdin/stdout."""

from __future__ import annotations

from typing import TextIO

from ..notes.cpr import masked_notice
from ..practice import TALLY_KEYS, Practice
from ..roleplay.codes import LABELS
from ..roleplay.persona import Persona, card_text, persona_intro
from ..slash import answer_text, command_word, unknown_command, wants_help
from .conversation import Plain, _run

_GUIDE_STEPS = {
    "/næste": "guiden: gå videre til næste trin eller tema",
    "/tilbage": "guiden: gå et trin tilbage",
}
_PAUSE_AND_HELP = {
    "/pause": "sæt øvelsen på pause; den kan genoptages senere",
    "/hjælp": "vis denne hjælp",
}
PRACTICE_COMMANDS = {
    **_GUIDE_STEPS,
    "/guide": "vis guidens trin igen med eksempler og tips",
    "/status": "vis coachens optælling indtil nu",
    **_PAUSE_AND_HELP,
    "/slut": "afslut øvelsen og få din feedback",
}
TRIO_COMMANDS = {
    "/feedback": "skriv observatørens feedback (flere linjer, tom linje afslutter)",
    "/status": "vis optællingen og forholdstallene",
    "/guide": "vis guidens trin (til den, der spiller medarbejder)",
    "/kort": "vis personakortet (til den, der spiller borger)",
    **_GUIDE_STEPS,
    **_PAUSE_AND_HELP,
    "/slut": "afslut øvelsen og vis scorekortet",
}


class PlainPractice(Plain):
    """Practice in line mode: talk to a simulated resident (solo), or tally as observer (trio)."""

    WHAT = "Øvelsen"

    def __init__(self, practice: Practice, inp: TextIO, out: TextIO) -> None:
        super().__init__(practice.session, inp, out)
        self.practice = practice
        # Practice.start and Practice.attach (which needs the persona by default) both give one.
        assert practice.persona is not None, "line-mode practice needs the persona"
        self.persona: Persona = practice.persona

    @property
    def commands(self) -> dict[str, str]:
        return TRIO_COMMANDS if self.practice.trio else PRACTICE_COMMANDS

    def header(self) -> None:
        p, guide = self.practice, self.session.guide
        kind = "Trioøvelse" if p.trio else "Øvelse"
        self.say(f"{kind}: {guide.title} – med {self.persona.name} ({self.session.id})")
        self.start_notice()
        if p.persona_changed:
            self.say(
                "Personaen er ændret, siden øvelsen begyndte. Det, der er sagt, er gemt som det "
                "var; de næste svar følger den nye udgave."
            )
        if p.trio:
            self.say(
                "I taler højt: én spiller medarbejder og følger guiden, én spiller borger ud fra "
                "personakortet (/kort), og observatøren tæller her."
            )
            self.say("Observatør: skriv et bogstav for hver adfærd, du hører (flere ad gangen går")
            self.say("fint, fx 'aks'); et minus foran tager én tilbage (fx '-l').")
            for key, code in TALLY_KEYS.items():
                self.say(f"  {key} = {LABELS[code]}")
        else:
            self.say(persona_intro(self.persona))
            self.say(
                "Skriv det, du vil sige til borgeren, og tryk Enter. Guiden herunder er din "
                "støtte; /næste går videre i den."
            )
        self.say("Kommandoer: " + ", ".join(self.commands) + ".")

    def show_scaffold(self, examples: bool = False) -> None:
        s = self.session
        step = s.step
        self.say("")
        if step is None:
            self.say("[Guide] Guiden er gennemgået. Skriv /slut, når I er færdige.")
            return
        section = s.guide.section(step.section).title
        self.say(f"[Guide – {section}] {step.title}")
        self.say(f"  Spørg: {s.render(step.ask)}")
        if step.is_hub:
            left = [c.label for c in s.hub_choices()[:-1] if "✓" not in c.label]
            if left:
                self.say("  Temaer tilbage: " + ", ".join(left) + " (/næste tager det første)")
        shown = step.examples if examples else step.examples[:1]
        for example in shown:
            self.say(f"  Fx: {s.render(example)}")
        if examples:
            for tip in step.tips:
                self.say(f"  Tip: {s.render(tip)}")

    def show_status(self) -> None:
        p = self.practice
        for line in p.scorecard().live_lines():
            self.say(line)
        if not p.trio:
            self.say(f"{p.persona_name} virker {p.openness}.")

    def show_practice_help(self) -> None:
        self.say("Kommandoer:")
        for command, text in self.commands.items():
            self.say(f"  {command:<10} {text}")

    def run(self) -> int:
        p, s = self.practice, self.session
        s.resume()
        self.header()
        self.show_scaffold()
        while True:
            line = self.read()
            if line is None:
                return self.stop()
            if not line.strip():
                continue
            command = command_word(line)
            if command == "/pause":
                return self.stop()
            if command == "/slut":
                return self.finish()
            if wants_help(line):
                self.show_practice_help()
            elif command == "/status":
                self.show_status()
            elif command == "/guide":
                self.show_scaffold(examples=True)
            elif command == "/næste":
                self.report(p.next_step())
                self.show_scaffold()
            elif command == "/tilbage":
                self.report(p.previous_step())
                self.show_scaffold()
            elif command == "/kort" and p.trio:
                self.say(card_text(self.persona))
            elif command == "/feedback" and p.trio:
                self.say("Skriv feedbacken; en tom linje afslutter.")
                masked = p.set_feedback(self.read_rows("", "feedbacken").strip())
                self.say("Feedbacken er gemt.")
                if masked:
                    self.say(f"  {masked_notice(masked)}")
            elif command is not None:
                self.say(unknown_command(line, self.commands))
            elif p.trio:
                self.tally(answer_text(line).strip().casefold())
            else:
                self.converse(answer_text(line))

    def tally(self, keys: str) -> None:
        p = self.practice
        sign = -1 if keys.startswith("-") else 1
        unknown = sorted({k for k in keys.lstrip("-") if k not in TALLY_KEYS and not k.isspace()})
        if unknown:
            self.say(f"Ukendt tast: {', '.join(unknown)}. Skriv /hjælp for tasterne.")
            return
        for key in keys.lstrip("-"):
            if key in TALLY_KEYS:
                p.count(TALLY_KEYS[key], sign)
        self.say(p.scorecard().live_lines()[0])

    def converse(self, line: str) -> None:
        p = self.practice
        said = p.say(line)
        codes = " + ".join(LABELS[c] for c in said.classification.codes)
        self.say(f"  (coach: {codes})")
        if said.masked:
            self.say(f"  {masked_notice(said.masked)}")
        self.say(f"{self.persona.name}: {said.reply.text}")
        if said.flag is not None:
            self.say(f"  ! {said.flag.message}")
            if said.flag.suggestion:
                self.say(f"    Prøv fx: {said.flag.suggestion}")

    def finish(self) -> int:
        p = self.practice
        message = p.finish()
        self.say("")
        self.say(p.scorecard().text())
        self.say("")
        self.say(message)
        self.say(f"Se hele øvelsen igen med: samtale notes show {self.session.id}")
        return 0


def run_practice_plain(practice: Practice, inp: TextIO, out: TextIO) -> int:
    return _run(PlainPractice(practice, inp, out))
