//! recap-export: the writers (DOCX, PDF, HTML). Each reads the document model and one
//! [`recap_core::style::Style`]; no figure of a layout is written here twice.
