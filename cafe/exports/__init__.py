"""Commissioner summaries: figures built from the database, then encoded.

summary.py builds a plain Summary (sections of tables) with every small count
already protected; csv_zip, xlsx, pdf and json_export only encode it.
"""
