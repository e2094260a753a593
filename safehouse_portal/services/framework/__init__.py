"""The Safehouse Inspection Framework: its versions, file schema and contract cross-references."""
