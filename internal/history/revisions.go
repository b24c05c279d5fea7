package history

import (
	"encoding/csv"
	"fmt"
	"maps"
	"sort"
	"strings"

	"lpg/internal/csvio"
	"lpg/internal/model"
)

// Revisions lists the commits of the chain that changed path, oldest
// first, with the rows each added, changed and removed (files are read
// from the object store; nothing is checked out).
func (ix *Index) Revisions(path string) ([]model.Revision, error) {
	var out []model.Revision
	for _, c := range ix.revs[path] {
		if c.at > ix.limit {
			break
		}
		cc := ix.chain[c.at]
		rv := model.Revision{Commit: cc.hash.String(), When: cc.when, Author: cc.author, Deleted: c.new.IsZero()}
		oldB, err := ix.repo.blob(c.old)
		if err != nil {
			return nil, fmt.Errorf("%s at %s: %w", path, cc.hash, atCommit(inFile(err, path), cc.hash))
		}
		newB, err := ix.repo.blob(c.new)
		if err != nil {
			return nil, fmt.Errorf("%s at %s: %w", path, cc.hash, atCommit(inFile(err, path), cc.hash))
		}
		rv.Added, rv.Changed, rv.Removed = RowChanges(oldB, newB)
		out = append(out, rv)
	}
	return out, nil
}

// RowChanges compares two versions of a submission CSV (either may be nil:
// absent) row by row, keyed by the 隐患编号 column (the first column when
// there is none), and counts rows added, changed (same key, any cell
// different) and removed. Encodings are read as lpg reads them (csvio);
// the header row and blank rows are not counted.
func RowChanges(oldB, newB []byte) (added, changed, removed int) {
	o, n := csvRows(oldB), csvRows(newB)
	for k, v := range n {
		w, ok := o[k]
		switch {
		case !ok:
			added++
		case w != v:
			changed++
		}
	}
	for k := range o {
		if _, ok := n[k]; !ok {
			removed++
		}
	}
	return added, changed, removed
}

// csvRows maps the key of each data row to its cells joined.
func csvRows(b []byte) map[string]string {
	_, t := csvTable(b)
	rows := make(map[string]string, len(t))
	for k, cells := range t {
		rows[k] = strings.TrimRight(strings.Join(cells, "\x00"), "\x00")
	}
	return rows
}

// csvTable reads a submission CSV as lpg reads its encoding (csvio) and
// returns its header row and its data rows by key: the 隐患编号 column
// (searched in the first rows, below any title row), else the first
// column. Cells are trimmed; blank rows are left out; a row whose key is
// blank is keyed by "\x00" and its cells.
func csvTable(b []byte) (header []string, rows map[string][]string) {
	rows = map[string][]string{}
	if len(b) == 0 {
		return nil, rows
	}
	dec, _, fatal := csvio.Decode("", b)
	if fatal != nil {
		return nil, rows
	}
	text := dec.Text
	first, _, _ := strings.Cut(text, "\n")
	r := csv.NewReader(strings.NewReader(text))
	if strings.Count(first, "\t") > strings.Count(first, ",") {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil && len(recs) == 0 {
		return nil, rows
	}
	keyCol, start := 0, 0
	for i, rec := range recs {
		found := false
		for j, c := range rec {
			if h := csvio.NormalizeHeader(c); h == csvio.NormalizeHeader("隐患编号") || h == csvio.NormalizeHeader("hazard_id") {
				keyCol, start, found = j, i+1, true
				break
			}
		}
		if found {
			break
		}
		if i >= 5 { // no such header near the top: first row is the header
			start = 1
			break
		}
	}
	if start == 0 && len(recs) > 0 {
		start = 1
	}
	if start > 0 {
		for _, c := range recs[start-1] {
			header = append(header, strings.TrimSpace(c))
		}
	}
	for _, rec := range recs[min(start, len(recs)):] {
		cells := make([]string, len(rec))
		blank := true
		for i, c := range rec {
			cells[i] = strings.TrimSpace(c)
			if cells[i] != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		key := ""
		if keyCol < len(cells) {
			key = cells[keyCol]
		}
		if key == "" {
			key = "\x00" + strings.Join(cells, "\x00")
		}
		rows[key] = cells
	}
	return header, rows
}

// RowVersions lists every change of a row of path on the chain, oldest
// commit first and, within a commit, by key: one entry for each row the
// commit added or changed (a cell under some header differs; reordered
// columns are no change) with its cells by header, and one with nil cells
// for each row it removed (also when it deleted the file). Rows without a
// key are left out.
func (ix *Index) RowVersions(path string) ([]model.RowVersion, error) {
	var out []model.RowVersion
	prev := map[string]map[string]string{}
	for _, c := range ix.revs[path] {
		if c.at > ix.limit {
			break
		}
		cc := ix.chain[c.at]
		b, err := ix.repo.blob(c.new)
		if err != nil {
			return nil, fmt.Errorf("%s at %s: %w", path, cc.hash, err)
		}
		head, table := csvTable(b)
		rows := make(map[string]map[string]string, len(table))
		for k, cells := range table {
			if strings.HasPrefix(k, "\x00") {
				continue
			}
			m := make(map[string]string, len(head))
			for i, h := range head {
				if i < len(cells) && h != "" {
					m[h] = cells[i]
				}
			}
			rows[k] = m
		}
		var keys []string
		for k, m := range rows {
			if old, had := prev[k]; !had || !maps.Equal(old, m) {
				keys = append(keys, k)
			}
		}
		for k := range prev {
			if _, ok := rows[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, model.RowVersion{Key: k, Commit: cc.hash.String(), When: cc.when, Author: cc.author, Cells: rows[k]})
		}
		prev = rows
	}
	return out, nil
}
