"""Plain line mode: the session on stdin/stdout, for screen readers and scripts."""

from __future__ import annotations

from typing import TextIO

from .dialogue.answers import danish_date, display, input_hint
from .dialogue.model import Step
from .notes.export import escape_controls
from .session import Outcome, Session

COMMANDS = {
    "/tilbage": "gå et trin tilbage og ret svaret",
    "/spring": "spring trinnet over",
    "/tema": "tilbage til temaoversigten (inde i et tema)",
    "/pause": "sæt samtalen på pause; den kan genoptages senere",
    "/hjælp": "vis eksempler, tips og kommandoer",
    "/afslut": "afslut samtalen, selv om der mangler svar (kun til sidst)",
}


class Plain:
    def __init__(self, session: Session, inp: TextIO, out: TextIO) -> None:
        self.session = session
        self.inp = inp
        self.out = out
        self.interactive = bool(getattr(inp, "isatty", lambda: False)())

    def say(self, text: str = "") -> None:
        """Print text that may hold user input: control characters are shown escaped."""
        print("\n".join(escape_controls(line) for line in text.split("\n")), file=self.out)

    def read(self) -> str | None:
        print("> ", end="", file=self.out, flush=True)
        line = self.inp.readline()
        if not line:
            print(file=self.out)
            return None
        line = line.rstrip("\n").rstrip("\r")
        if not self.interactive:
            self.say(line)
        return line

    def read_rows(self, first: str) -> str | None:
        """Rows: the first line and every following line until an empty one (or the end)."""
        lines = [first]
        while True:
            line = self.inp.readline()
            if not line or not line.strip():
                break
            lines.append(line.rstrip("\n").rstrip("\r"))
        return "\n".join(lines)

    def header(self) -> None:
        s, guide = self.session, self.session.guide
        who = f", borger: {s.record.borger}" if s.record.borger else ""
        self.say(f"{guide.title} – samtale {s.id}{who}")
        if s.record.masked:
            self.say(
                "Borgerens pseudonym lignede et CPR-nummer og er gemt som XXXXXX-XXXX. "
                "CPR-numre gemmes aldrig."
            )
        self.say(f"Formål: {guide.purpose}")
        self.say(f"Planlagt tid: {guide.duration} minutter.")
        if guide.checklist.before and not s.events:
            self.say("Før samtalen:")
            for item in guide.checklist.before:
                self.say(f"  - {item}")
        self.say("Kommandoer: " + ", ".join(COMMANDS) + ".")

    def show_step(self, step: Step) -> None:
        s = self.session
        done, total = s.progress()
        section = s.guide.section(step.section).title
        self.say("")
        optional = " (valgfrit – /spring, hvis det ikke passer)" if step.optional else ""
        self.say(
            f"[{section}] Trin {done + 1} af ca. {max(total, done + 1)}: {step.title}{optional}"
        )
        self.say(f"Spørg: {s.render(step.ask)}")
        if step.is_hub:
            for i, choice in enumerate(s.hub_choices(), 1):
                self.say(f"  {i}) {choice.label}")
            self.say("Skriv nummeret på temaet.")
            return
        spec = step.answer
        if spec is None:
            self.say("(Intet at skrive ned her. Tryk Enter for at gå videre.)")
            return
        if spec.choices:
            for i, choice in enumerate(spec.choices, 1):
                self.say(f"  {i}) {choice.label}")
        elif spec.numeric_scale and spec.scale_labels:
            self.say("  " + ", ".join(f"{k} = {v}" for k, v in sorted(spec.scale_labels.items())))
        hint = input_hint(spec)
        if spec.type == "rækker":
            hint += ". Tom linje afslutter."
        self.say(hint + (" (skal besvares)" if spec.required else ""))
        previous = s.previous_value()
        if previous is not None:
            self.say(f"Tidligere svar: {display(spec, previous)}")

    def show_help(self, step: Step | None) -> None:
        s = self.session
        if step is not None:
            if step.examples:
                self.say("Eksempler på, hvordan du kan spørge:")
                for example in step.examples:
                    self.say(f"  - {s.render(example)}")
            if step.tips:
                self.say("Tips:")
                for tip in step.tips:
                    self.say(f"  - {s.render(tip)}")
            if step.background:
                self.say(f"Baggrund: {step.background}")
            if step.notes:
                self.say(f"Skriv ned: {step.notes}")
        self.say("Kommandoer:")
        for command, text in COMMANDS.items():
            self.say(f"  {command:<9} {text}")

    def report(self, outcome: Outcome) -> None:
        if outcome.message:
            self.say(outcome.message)
        if outcome.offer_help:
            self.say("Skriv /hjælp for eksempler og tips, eller /spring for at springe over.")

    def stop(self) -> int:
        self.session.pause()
        self.say("")
        self.say(
            f"Samtalen er sat på pause, og alt er gemt. Genoptag med: samtale resume "
            f"{self.session.id}"
        )
        return 0

    def run(self) -> int:
        s = self.session
        s.resume()
        self.header()
        while not s.at_end:
            step = s.step
            assert step is not None
            self.show_step(step)
            line = self.read()
            if line is None:
                return self.stop()
            command = line.strip().casefold()
            if command == "/pause":
                return self.stop()
            if command in ("/hjælp", "/hjaelp", "/help", "?"):
                self.show_help(step)
            elif command == "/tilbage":
                self.report(s.back())
            elif command == "/spring":
                self.report(s.skip())
            elif command == "/tema":
                self.report(s.to_hub())
            elif command.startswith("/") and command.split()[0] in COMMANDS:
                self.say("Den kommando kan ikke bruges her.")
            else:
                if step.answer is not None and step.answer.type == "rækker":
                    line = self.read_rows(line)
                self.report(s.answer(line))
        return self.finish()

    def finish(self) -> int:
        s = self.session
        self.say("")
        self.say("Guiden er gennemgået.")
        outcome = s.complete()
        while not outcome.ok:
            self.say("Der mangler svar på:")
            for item in outcome.missing:
                self.say(f"  - {item}")
            key = next((m.key for m in s.missing_items() if m.key), None)
            if key:
                spec = s.answer_spec(key)
                assert spec is not None
                self.say(
                    f"Skriv svaret på '{spec.label}' ({input_hint(spec)}), /afslut for at "
                    "afslutte alligevel, eller /pause."
                )
            else:
                self.say(
                    "Skriv /afslut for at afslutte alligevel, /tilbage for at gå tilbage, "
                    "eller /pause."
                )
            line = self.read()
            if line is None or line.strip().casefold() == "/pause":
                return self.stop()
            command = line.strip().casefold()
            if command == "/afslut":
                outcome = s.complete(force=True)
            elif command == "/tilbage":
                s.back()
                return self.run()
            elif key:
                spec = s.answer_spec(key)
                if spec is not None and spec.type == "rækker":
                    line = self.read_rows(line)
                self.report(s.correct(key, line))
                outcome = s.complete()
            else:
                outcome = s.complete()
        self.summary()
        return 0

    def summary(self) -> None:
        s = self.session
        note = s.note()
        if note.actions:
            self.say("Aftaler:")
            for action in note.actions:
                when = danish_date(action.when) if action.when else "ingen dato"
                self.say(f"  - {action.what} (hvem: {action.who or '-'}, hvornår: {when})")
        if s.guide.checklist.after:
            self.say("Efter samtalen:")
            for item in s.guide.checklist.after:
                self.say(f"  - {item}")
        self.say(f"Noten er gemt. Notens id: {s.id}")
        self.say(f"Se den med: samtale notes show {s.id}")


def run_plain(session: Session, inp: TextIO, out: TextIO) -> int:
    try:
        return Plain(session, inp, out).run()
    except KeyboardInterrupt:
        return Plain(session, inp, out).stop()
    except BrokenPipeError:
        session.pause()  # the reader went away (e.g. `| head`): keep the session resumable
        raise
    finally:
        session.close()
