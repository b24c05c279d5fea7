package check

import (
	"path"
	"sort"
	"strings"

	"lpg/internal/csvio"
	"lpg/internal/form"
	"lpg/internal/layout"
)

// rowDiff counts the data rows a change adds, changes and removes. Rows of
// a 排查表 or 汇总表 are matched by 隐患编号 and compared cell by cell
// (after trimming); rows of other files are matched by content, and a
// removed row paired with an added one counts as changed.
type rowDiff struct {
	Added, Changed, Removed int
	AddedIDs                map[string]bool // hazard ids added (keyed files)
	RemovedIDs              []string        // hazard ids removed, sorted
}

// diffRows compares old and new content of file p (either may be nil).
func diffRows(p string, old, new []byte) rowDiff {
	kind := kindOf(p)
	if kind == form.Hazards || kind == form.Rectifications {
		return diffKeyed(p, kind, old, new)
	}
	return diffLines(old, new)
}

// kindOf returns the form kind of a data file by its path ("" when none).
func kindOf(p string) string {
	switch {
	case !strings.HasSuffix(strings.ToLower(p), ".csv"):
		return ""
	case layout.Under(p, layout.HazardsDir):
		return form.Hazards
	case layout.Under(p, layout.RectificationsDir):
		return form.Rectifications
	case path.Dir(p) == layout.ReferenceDir:
		return "reference"
	}
	return "data"
}

func diffKeyed(p, kind string, old, new []byte) rowDiff {
	cols := form.Get(kind).Columns
	o, n := keyedRows(p, old, cols), keyedRows(p, new, cols)
	d := rowDiff{AddedIDs: map[string]bool{}}
	for k, nv := range n.byID {
		ov, ok := o.byID[k]
		switch {
		case !ok:
			d.Added++
			d.AddedIDs[k] = true
		case ov != nv:
			d.Changed++
		}
	}
	for k := range o.byID {
		if _, ok := n.byID[k]; !ok {
			d.Removed++
			d.RemovedIDs = append(d.RemovedIDs, k)
		}
	}
	sort.Strings(d.RemovedIDs)
	ld := diffMultiset(o.other, n.other)
	d.Added += ld.Added
	d.Changed += ld.Changed
	d.Removed += ld.Removed
	return d
}

type keyed struct {
	byID  map[string]string // hazard id → row signature
	other []string          // signatures of rows without an id
}

func keyedRows(p string, b []byte, cols []csvio.Column) keyed {
	k := keyed{byID: map[string]string{}}
	if b == nil {
		return k
	}
	t, _ := csvio.Read(p, b, cols)
	if t == nil {
		return k
	}
	var fields []string
	for _, f := range t.Fields {
		if !strings.HasPrefix(f, form.ContextPrefix) { // read-only context of the pre-filled workbook
			fields = append(fields, f)
		}
	}
	sort.Strings(fields)
	for _, r := range t.Records {
		var sig strings.Builder
		for _, f := range fields {
			sig.WriteString(f)
			sig.WriteByte('=')
			sig.WriteString(strings.TrimSpace(r.Values[f]))
			sig.WriteByte(0)
		}
		id := csvio.CleanCode(r.Values["hazard_id"]).Value
		if id == "" {
			k.other = append(k.other, sig.String())
			continue
		}
		k.byID[id] = sig.String()
	}
	return k
}

// diffLines compares files line by line (the first line is the header).
func diffLines(old, new []byte) rowDiff {
	return diffMultiset(dataLines(old), dataLines(new))
}

func dataLines(b []byte) []string {
	if b == nil {
		return nil
	}
	s := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	var out []string
	for i, l := range lines {
		if i == 0 || strings.TrimSpace(strings.Trim(l, ",")) == "" {
			continue
		}
		out = append(out, l)
	}
	return out
}

func diffMultiset(old, new []string) rowDiff {
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
	return rowDiff{Added: added - changed, Changed: changed, Removed: removed - changed}
}
