//! Rendering one Markdown document alone (`agendapack render`). To be written (issue 3).
