"""Plain line mode: the session on stdin/stdout, for screen readers and scripts."""

from __future__ import annotations

from typing import TextIO

from ..dialogue.answers import danish_date, display, input_hint
from ..dialogue.model import AnswerSpec, Step
from ..notes.cpr import masked_notice, start_notice
from ..notes.export import escape_controls, note_to_markdown
from ..notes.lease import LeaseLost, SavedMeanwhile
from ..notes.store import NotSaved, StoreError, actor
from ..practice import note_for
from ..session import Outcome, Session, SessionDeleted
from ..slash import answer_text, command_word, unknown_command, wants_help

COMMANDS = {
    "/tilbage": "gå et trin tilbage og ret svaret",
    "/spring": "spring trinnet over",
    "/tema": "tilbage til temaoversigten (inde i et tema)",
    "/pause": "sæt samtalen på pause; den kan genoptages senere",
    "/hjælp": "vis eksempler, tips og kommandoer",
    "/afslut": "afslut samtalen, selv om der mangler svar (kun til sidst)",
}


class Plain:
    WHAT = "Samtalen"  # what is paused, in messages

    def __init__(self, session: Session, inp: TextIO, out: TextIO) -> None:
        self.session = session
        self.inp = inp
        self.out = out
        self.interactive = bool(getattr(inp, "isatty", lambda: False)())
        # Bytes that are not UTF-8 (a terminal set to Latin-1, a pasted binary) must not crash
        # the conversation or reach the store as lone surrogates: they become U+FFFD.
        reconfigure = getattr(inp, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="replace")
        self.last_line = ""

    @property
    def commands(self) -> dict[str, str]:
        return COMMANDS

    def say(self, text: str = "") -> None:
        """Print text that may hold user input: control characters are shown escaped."""
        print("\n".join(escape_controls(line) for line in text.split("\n")), file=self.out)

    def read(self) -> str | None:
        print("> ", end="", file=self.out, flush=True)
        line = self.inp.readline()
        if not line:
            print(file=self.out)
            return None
        # A byte order mark (a file saved by Notepad) is no part of the line or its command.
        line = line.rstrip("\n").rstrip("\r").removeprefix("\ufeff")
        self.last_line = line
        if not self.interactive:
            self.say(line)
        return line

    def read_rows(self, first: str, what: str = "rækkerne") -> str:
        """Rows: the first line and every following line until an empty one (or the end). Each
        line is prompted and echoed like any other; a line starting with '/' is never a row."""
        lines = [first]
        while True:
            line = self.read()
            if line is None or not line.strip():
                break
            command = command_word(line)
            if command is None:
                lines.append(answer_text(line))
            elif command in self.commands:
                self.say(f"Afslut {what} med en tom linje, før du bruger {command}.")
            else:
                self.say(unknown_command(line, self.commands))
        self.last_line = "\n".join(lines)
        return self.last_line

    def read_back(self, spec: AnswerSpec | None, outcome: Outcome) -> None:
        """After rows are stored, say what was stored, so that it can be heard, not only seen."""
        if spec is None or spec.type != "rækker":
            return
        if not outcome.ok:  # rows are saved together or not at all: say so, or some are lost
            if "\n" in self.last_line:
                self.say("Ingen af rækkerne er gemt. Skriv dem alle igen, også dem uden fejl.")
            return
        rows = self.session.answers.get(spec.key) or []
        self.say(f"Gemt: {len(rows)} {'række' if len(rows) == 1 else 'rækker'}:")
        for row in display(spec, rows).split("\n"):
            self.say(f"  {row}")

    def header(self) -> None:
        s, guide = self.session, self.session.guide
        who = f", borger: {s.record.borger}" if s.record.borger else ""
        self.say(f"{guide.title} – samtale {s.id}{who}")
        self.start_notice()
        self.say(f"Formål: {guide.purpose}")
        self.say(f"Planlagt tid: {guide.duration} minutter.")
        if guide.checklist.before and not s.events:
            self.say("Før samtalen:")
            for item in guide.checklist.before:
                self.say(f"  - {item}")
        self.say("Kommandoer: " + ", ".join(COMMANDS) + ".")

    def start_notice(self) -> None:
        """Say so if the pseudonym or the initials given at the start were stored masked."""
        record = self.session.record
        if record.masked:
            self.say(start_notice(record.borger, record.medarbejder) or masked_notice())

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
        self.say("  //        begynd et svar med / (//sti gemmes som /sti)")

    def rescue(self, error: StoreError) -> int:
        """Storing failed (disk full, read-only): say so, and print the note as it stands."""
        self.say("")
        self.say(f"Fejl: {error}")
        if self.last_line.strip() and not self.last_line.startswith("/"):
            self.say(f"Det sidste, du skrev, blev ikke gemt: {self.last_line}")
        if isinstance(error, LeaseLost) and not isinstance(error, SavedMeanwhile):
            # it goes on where it was taken over; nothing to resume
            self.say(f"{self.WHAT} fortsætter dér, hvor den blev overtaget.")
            return 1
        if isinstance(error, SessionDeleted):  # deleted on purpose: nothing to show or resume
            return 1
        self.say("Her er noten, som den står nu – kopiér den, eller send uddata til en fil:")
        self.say("")
        self.say(note_to_markdown(note_for(self.session)))
        self.say(f"Genoptag, når der kan gemmes igen: samtale resume {self.session.id}")
        return 1

    def report(self, outcome: Outcome) -> None:
        if outcome.message:
            self.say(outcome.message)
        if outcome.offer_help:
            self.say("Skriv /hjælp for eksempler og tips, eller /spring for at springe over.")

    def stop(self) -> int:
        self.last_line = ""  # what is stored now is the pause, not an answer
        try:
            self.session.pause()
        except StoreError as e:  # deleted or taken over meanwhile, or the disk refused
            return self.rescue(e)
        self.say("")
        self.say(
            f"{self.WHAT} er sat på pause, og alt er gemt. Genoptag med: samtale resume "
            f"{self.session.id}"
        )
        return 0

    def run(self) -> int:
        s = self.session
        s.resume()
        self.header()
        while True:  # a loop, not recursion: /tilbage at the end comes back here every time
            if s.at_end:
                code = self.finish()
                if code is not None:
                    return code
                continue  # went back from the missing-answers prompt
            step = s.step
            assert step is not None
            self.show_step(step)
            line = self.read()
            if line is None:
                return self.stop()
            command = command_word(line)
            if command == "/pause":
                return self.stop()
            try:
                self.act(step, line, command)
            except NotSaved as e:  # nothing moved: the same question comes again
                self.not_saved(e)

    def act(self, step: Step, line: str, command: str | None) -> None:
        """One line read at a step: a command, or the answer."""
        s = self.session
        if wants_help(line):
            self.show_help(step)
        elif command == "/tilbage":
            self.report(s.back())
        elif command == "/spring":
            self.report(s.skip())
        elif command == "/tema":
            self.report(s.to_hub())
        elif command in COMMANDS:
            self.say("Den kommando kan ikke bruges her.")
        elif command is not None:
            self.say(unknown_command(line, COMMANDS))
        else:
            line = answer_text(line)
            if step.answer is not None and step.answer.type == "rækker":
                line = self.read_rows(line)
            outcome = s.answer(line)
            self.report(outcome)
            self.read_back(step.answer, outcome)

    def not_saved(self, error: NotSaved) -> None:
        """The database connection was lost (and the retry failed): say so, and give back what
        was typed, so that it can be typed (or pasted) again when the question comes again."""
        self.say("")
        typed = self.last_line
        if typed.strip() and not typed.startswith("/"):
            self.say(f"Svaret blev ikke gemt: forbindelsen til databasen {error.database} er tabt.")
            self.say("Du skrev:")
            for row in typed.split("\n"):
                self.say(f"  {row}")
            self.say("Prøv igen om lidt: skriv det igen, når spørgsmålet kommer, eller /pause.")
        else:
            self.say(str(error))

    def finish(self) -> int | None:
        """Complete the session, asking for what is missing; None when the staff member went
        back into the guide (``run`` goes on from there)."""
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
            command = None if line is None else command_word(line)
            if line is None or command == "/pause":
                return self.stop()
            if command == "/afslut":
                outcome = s.complete(force=True)
            elif command == "/tilbage":
                s.back()
                return None
            elif wants_help(line):
                self.show_help(None)
            elif command in COMMANDS:
                self.say("Den kommando kan ikke bruges her.")
            elif command is not None:
                self.say(unknown_command(line, COMMANDS))
            elif key:
                spec = s.answer_spec(key)
                line = answer_text(line)
                if spec is not None and spec.type == "rækker":
                    line = self.read_rows(line)
                try:
                    corrected = s.correct(key, line)
                except NotSaved as e:
                    self.not_saved(e)
                    continue
                self.report(corrected)
                self.read_back(spec, corrected)
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
        self.offer_note()
        # the last two lines, which scripts read the id from
        self.say(f"Noten er gemt. Notens id: {s.id}")
        self.say(f"Se den med: samtale notes show {s.id}")

    def offer_note(self) -> None:
        """Offer the note as the Markdown for the care record (the TUI's "Kopiér note")."""
        s = self.session
        self.say("Skriv /note for at få noten som Markdown til journalen, eller tryk Enter.")
        line = self.read()
        if line is None or line.strip().casefold() not in ("/note", "j", "ja"):
            return
        try:  # like the TUI's audit: never in the way of reading what was written
            s.store.audit(
                "exported", s.id, actor(s.record.medarbejder), f"{s.guide.title} (md, udskrevet)"
            )
        except StoreError:
            pass
        self.say(NOTE_START)
        self.say(note_to_markdown(note_for(s)))
        self.say(NOTE_END)


NOTE_START = (
    "--- Noten til journalen. Den indeholder personlige oplysninger om borgeren: sæt den kun "
    "ind i journalen. ---"
)
NOTE_END = "--- Slut på noten ---"


def run_plain(session: Session, inp: TextIO, out: TextIO) -> int:
    return _run(Plain(session, inp, out))


def _run(plain: Plain) -> int:
    """Run a line-mode front end; whatever happens, the session stays resumable and closed."""
    session = plain.session
    heartbeat = session.keep_alive()  # input may take as long as the conversation does
    try:
        return plain.run()
    except StoreError as e:
        return plain.rescue(e)
    except KeyboardInterrupt:
        return plain.stop()
    except BrokenPipeError:
        session.pause()  # the reader went away (e.g. `| head`): keep the session resumable
        raise
    finally:
        if heartbeat is not None:
            heartbeat.stop()
        session.close()
