// Package rowdiff holds the one comparison of two versions of a data file
// that lpg shows people: the rows a pull request adds, changes and removes
// (check's summary), the same counts in the site's file history, and each
// version of a hazard's 汇总表 row on its page (history), so the three
// never disagree.
//
// A submission (a .csv below data/hazards, data/rectifications or
// data/inspections: layout.KindOf) is read as validate reads it — csvio
// with its form's columns, so encodings, title rows above the header,
// header spellings and column order are understood one way — and its rows
// are matched by 隐患编号 (normalised as a code: full-width digits, spaces)
// and compared cell by cell, trimmed, leaving out the read-only （参考）
// columns of the pre-filled workbook; rows without an id (all rows of an
// 入户安检量表) are matched by content. Any other file is compared
// line by line (the first line is the header). Where rows are matched by
// content, a removed row paired with an added one counts as changed.
//
// It depends on csvio, diag, form and layout.
package rowdiff

import (
	"fmt"
	"sort"
	"strings"

	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
)

// Counts are the rows a change adds, changes and removes.
type Counts struct {
	Added, Changed, Removed int
	AddedIDs                map[string]bool // hazard ids added (submission files)
	RemovedIDs              []string        // hazard ids removed, sorted
}

// Compare compares the old and new content of the data file p (a slash
// path from the lpg root, such as data/hazards/2026-10/E01.csv; either
// content may be nil: the file is absent).
func Compare(p string, old, new []byte) Counts {
	if _, ok := kind(p); !ok {
		return multiset(lines(old), lines(new))
	}
	o, n := Read(p, old), Read(p, new)
	d := Counts{AddedIDs: map[string]bool{}}
	for id, nr := range n.ByID {
		or, ok := o.ByID[id]
		switch {
		case !ok:
			d.Added++
			d.AddedIDs[id] = true
		case or.sig != nr.sig:
			d.Changed++
		}
	}
	for id := range o.ByID {
		if _, ok := n.ByID[id]; !ok {
			d.Removed++
			d.RemovedIDs = append(d.RemovedIDs, id)
		}
	}
	sort.Strings(d.RemovedIDs)
	rest := multiset(o.other, n.other)
	d.Added += rest.Added
	d.Changed += rest.Changed
	d.Removed += rest.Removed
	return d
}

// Rows are the data rows of one version of a submission file.
type Rows struct {
	ByID      map[string]Row // by 隐患编号
	other     []string       // signatures of the rows without an id
	otherRows []Row          // the rows without an id, in the order of other
}

// Row is one data row: its cells by the header as written in that version
// of the file, trimmed (the （参考） columns left out).
type Row struct {
	Cells map[string]string
	// Fields are the same cells by field key (hazard_type, severity, …),
	// whatever the header spelling of that version.
	Fields map[string]string
	sig    string // the cells in field order, comparable across column orders and header spellings
}

// Read reads one version of the submission file p (nil content: no rows).
// A file that is not a submission, or cannot be read as one, has no rows.
func Read(p string, b []byte) Rows {
	rows := Rows{ByID: map[string]Row{}}
	k, ok := kind(p)
	if !ok || b == nil {
		return rows
	}
	t, _ := csvio.Read(p, b, form.Get(string(k)).Columns)
	if t == nil {
		return rows
	}
	var fields []string
	for _, f := range t.Fields {
		if !strings.HasPrefix(f, form.ContextPrefix) {
			fields = append(fields, f)
		}
	}
	sort.Strings(fields)
	for _, r := range t.Records {
		id := csvio.CleanCode(r.Values["hazard_id"]).Value
		var sig strings.Builder
		cells := make(map[string]string, len(fields))
		byField := make(map[string]string, len(fields))
		for _, f := range fields {
			v := strings.TrimSpace(r.Values[f])
			cells[t.Headers[f]] = v
			byField[f] = v
			if f == "hazard_id" {
				v = id // the key as matched
			}
			sig.WriteString(f)
			sig.WriteByte('=')
			sig.WriteString(v)
			sig.WriteByte(0)
		}
		if id == "" {
			rows.other = append(rows.other, sig.String())
			rows.otherRows = append(rows.otherRows, Row{Cells: cells, Fields: byField, sig: sig.String()})
			continue
		}
		rows.ByID[id] = Row{Cells: cells, Fields: byField, sig: sig.String()}
	}
	return rows
}

// AddedRows returns the rows without an id (all rows of an 入户安检量表)
// that new has and old has not, matched by content as Compare matches
// them, by field key, in file order.
func AddedRows(p string, old, new []byte) []map[string]string {
	o, n := Read(p, old), Read(p, new)
	count := map[string]int{}
	for _, s := range o.other {
		count[s]++
	}
	var out []map[string]string
	for _, r := range n.otherRows {
		if count[r.sig] > 0 {
			count[r.sig]--
			continue
		}
		out = append(out, r.Fields)
	}
	return out
}

// Same reports whether two versions of a row have the same cells.
func (r Row) Same(o Row) bool { return r.sig == o.sig }

// kind is the form of a submission file (layout kinds are form names),
// false for any other file.
func kind(p string) (layout.Kind, bool) {
	if !strings.HasSuffix(strings.ToLower(p), ".csv") {
		return "", false
	}
	return layout.KindOf(p)
}

// lines are the data lines of a file compared by content: the first line
// (the header) and blank lines (commas only) left out.
func lines(b []byte) []string {
	if b == nil {
		return nil
	}
	s := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
	var out []string
	for i, l := range strings.Split(s, "\n") {
		if i == 0 || strings.TrimSpace(strings.Trim(l, ",")) == "" {
			continue
		}
		out = append(out, l)
	}
	return out
}

// multiset compares rows by content; a removed row paired with an added
// one counts as changed.
func multiset(old, new []string) Counts {
	count := map[string]int{}
	for _, l := range old {
		count[l]++
	}
	var added int
	for _, l := range new {
		if count[l] > 0 {
			count[l]--
			continue
		}
		added++
	}
	var removed int
	for _, c := range count {
		removed += c
	}
	changed := min(added, removed)
	return Counts{Added: added - changed, Changed: changed, Removed: removed - changed}
}

// Filled is the number of rows with a filled 整改状态 (form.Filled): for a
// 汇总表, the rows that report something; 0 for the other forms (they have
// no 整改状态).
func (r Rows) Filled() int {
	n := 0
	for _, row := range r.ByID {
		if form.Filled(row.Fields["status"]) {
			n++
		}
	}
	for _, row := range r.otherRows {
		if form.Filled(row.Fields["status"]) {
			n++
		}
	}
	return n
}

// Received reports whether version b of the submission file p counts as
// received (README "设计卡未规定之处的决定", 汇总表的收件): a 汇总表 only
// once it has a filled row (Rows.Filled, 整改状态 not empty) — a
// header-only 汇总表, or the site's 预填汇总表 uploaded untouched (a row per
// hazard, 整改状态 empty), is a placeholder, not a submission, so it cannot
// carry an on-time receipt for statuses filled in after the town's
// deadline (adversarial review F15, G3). Every other file counts from its
// first version (a header-only 排查表 says "no hazards"; nil content: the
// file does not exist, false).
func Received(p string, b []byte) bool {
	if b == nil {
		return false
	}
	if k, ok := kind(p); !ok || k != layout.Rectifications {
		return true
	}
	return Read(p, b).Filled() > 0
}

// maxLost is how many lost codes LostZeros names before "等 N 处".
const maxLost = 20

// LostZeros compares two versions of the submission file p, rows matched
// by 隐患编号, and returns the warning value.leading_zero (File p, Line 1)
// when a code column (x-kind "code" in the form's schema: 告知单编号,
// 用户编号, 安检单号 …) of some row is the old value without its leading
// zeros: a spreadsheet read the code as a number on the clerk's CSV round
// trip (LibreOffice writes 0012345 back as 12345; review of 2026-12-02,
// round 3, G1). The message names, by column in schema order and then by
// id, the column, the row and both values, at most maxLost of them. Rows
// without an id (入户安检量表) are not compared; ok is false when nothing
// was lost. lpg check (against the base) and lpg import (against the file
// it replaces) give it.
func LostZeros(p string, old, new []byte) (d diag.Diagnostic, ok bool) {
	k, isSub := kind(p)
	if !isSub || old == nil || new == nil {
		return d, false
	}
	o, n := Read(p, old), Read(p, new)
	ids := make([]string, 0, len(n.ByID))
	for id := range n.ByID {
		if _, had := o.ByID[id]; had {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var parts []string
	for _, pr := range form.Get(string(k)).Props {
		if pr.Kind != "code" {
			continue
		}
		for _, id := range ids {
			a, b := o.ByID[id].Fields[pr.Field], n.ByID[id].Fields[pr.Field]
			if strippedZeros(a, b) {
				parts = append(parts, fmt.Sprintf("%s开头的 0 丢失：%s（%s → %s）", pr.Header, id, a, b))
			}
		}
	}
	if len(parts) == 0 {
		return d, false
	}
	if len(parts) > maxLost {
		parts = append(parts[:maxLost], fmt.Sprintf("等 %d 处", len(parts)))
	}
	return diag.Diagnostic{File: p, Line: 1, Code: "value.leading_zero", Severity: diag.Warning,
		Message: strings.Join(parts, "；"),
		Hint:    "电子表格打开 CSV 时把编号当作数字，去掉了开头的 0：在 Excel 或 LibreOffice 中把该列设为“文本”，改回原编号后再保存；若确是改正编号，请说明原因"}, true
}

// strippedZeros reports whether the code b is a, which starts with 0,
// without some or all of its leading zeros (0012345 → 12345 or 012345).
func strippedZeros(a, b string) bool {
	if b == "" || len(b) >= len(a) || a[0] != '0' || !strings.HasSuffix(a, b) {
		return false
	}
	return strings.Trim(a[:len(a)-len(b)], "0") == ""
}
