"""Documents: pandas frames and fpdf2 PDFs, pure given the rows."""
