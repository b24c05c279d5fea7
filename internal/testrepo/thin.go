package testrepo

import (
	"strings"
)

// Thin returns files (slash paths under data/ to contents, as ReadFiles
// returns them) with, in each hazards file (data/hazards/<month>/<id>.csv),
// only its first n rows and the rows of the hazard ids in also, and in each
// 汇总表 (data/rectifications/...) only the rows of the hazards kept. Every
// other file, and every file itself, is kept unchanged. The files of the
// sample have no quoted cells: a row is one line and its hazard id is the
// text before the first comma. The result is valid whenever files is,
// with a fraction of the rows: for tests that build the site several times
// and check what is built, not how many hazards there are.
func Thin(files map[string][]byte, n int, also ...string) map[string][]byte {
	keep := map[string]bool{}
	for _, id := range also {
		keep[id] = true
	}
	out := map[string][]byte{}
	for p, b := range files {
		if strings.HasPrefix(p, "data/hazards/") {
			for i, l := range rowsOf(b)[1:] {
				if i < n {
					keep[idOf(l)] = true
				}
			}
		}
		out[p] = b
	}
	for p, b := range files {
		if !strings.HasPrefix(p, "data/hazards/") && !strings.HasPrefix(p, "data/rectifications/") {
			continue
		}
		rows := rowsOf(b)
		var s strings.Builder
		s.WriteString(rows[0])
		for _, l := range rows[1:] {
			if keep[idOf(l)] {
				s.WriteString(l)
			}
		}
		out[p] = []byte(s.String())
	}
	return out
}

// rowsOf splits a CSV file into its lines, each ending in its line end
// ("\n" added to a last line without one); the header is rows[0] ("" for
// an empty file).
func rowsOf(b []byte) []string {
	s := string(b)
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	rows := strings.SplitAfter(s, "\n")
	return rows[:len(rows)-1]
}

// idOf is the first cell of a row (隐患编号 in hazards and 汇总表 files).
func idOf(row string) string {
	id, _, _ := strings.Cut(row, ",")
	return strings.TrimSpace(strings.TrimPrefix(id, "\ufeff"))
}
