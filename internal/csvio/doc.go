// Package csvio reads the CSV files that clerks submit: it decodes the bytes
// (UTF-8 with or without BOM, GB18030/GBK as Excel on Chinese Windows
// writes, UTF-16 with BOM), splits records while keeping physical line
// numbers and spreadsheet row numbers, finds the header row (skipping title
// rows), maps Chinese or English headers to field keys, and normalises
// cell values (width folding, dates). Every change it makes is returned as a
// warning and every problem as an error diagnostic; nothing is dropped
// silently (DESIGN.md "CSV conventions").
//
// It knows nothing of hazards or towns: the columns it maps come from the
// caller (package form, which reads them from the JSON Schemas). It also
// writes CSV downloads safely (Write: UTF-8 with BOM, formula cells
// neutralised).
package csvio
