package history

import (
	"bytes"
	"encoding/csv"
	"fmt"
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
	rows := map[string]string{}
	if len(b) == 0 {
		return rows
	}
	dec, _, fatal := csvio.Decode("", b)
	if fatal != nil {
		return rows
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
		return rows
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
	for _, rec := range recs[min(start, len(recs)):] {
		var buf bytes.Buffer
		blank := true
		for _, c := range rec {
			c = strings.TrimSpace(c)
			if c != "" {
				blank = false
			}
			buf.WriteString(c)
			buf.WriteByte(0)
		}
		if blank {
			continue
		}
		key := ""
		if keyCol < len(rec) {
			key = strings.TrimSpace(rec[keyCol])
		}
		if key == "" {
			key = "\x00" + buf.String()
		}
		rows[key] = strings.TrimRight(buf.String(), "\x00")
	}
	return rows
}
