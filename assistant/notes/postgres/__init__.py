"""The PostgreSQL notes store: ``NoteStore`` (notes/interface.py) on a shared server database,
for a care home whose team works from several PCs. Chosen by a database URL (notes/store.py);
psycopg 3 is the optional extra ``samtale[postgres]``."""
