package history

import (
	"fmt"
	"sort"

	"lpg/internal/model"
	"lpg/internal/rowdiff"
)

// RevisionCount returns how many commits of the chain changed path —
// len(Revisions(path)) — and the first of them (hex; "" when none), the
// commit of Revisions(path)[0], without reading any file.
func (ix *Index) RevisionCount(path string) (n int, first string) {
	for _, c := range ix.revs[path] {
		if c.at > ix.limit {
			break
		}
		if n == 0 {
			first = ix.chain[c.at].hash.String()
		}
		n++
	}
	return n, first
}

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
		d := rowdiff.Compare(path, oldB, newB)
		rv.Added, rv.Changed, rv.Removed = d.Added, d.Changed, d.Removed
		out = append(out, rv)
	}
	return out, nil
}

// RowVersions lists every change of a row of path on the chain, oldest
// commit first and, within a commit, by 隐患编号: one entry for each row the
// commit added or changed (rowdiff: reordered columns, a renamed header or
// a re-saved encoding are no change) with its cells by header as written
// in that version, and one with nil cells for each row it removed (also
// when it deleted the file). Rows without an id are left out.
func (ix *Index) RowVersions(path string) ([]model.RowVersion, error) {
	var out []model.RowVersion
	prev := map[string]rowdiff.Row{}
	for _, c := range ix.revs[path] {
		if c.at > ix.limit {
			break
		}
		cc := ix.chain[c.at]
		b, err := ix.repo.blob(c.new)
		if err != nil {
			return nil, fmt.Errorf("%s at %s: %w", path, cc.hash, atCommit(inFile(err, path), cc.hash))
		}
		rows := rowdiff.Read(path, b).ByID
		var keys []string
		for k, r := range rows {
			if old, had := prev[k]; !had || !old.Same(r) {
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
			out = append(out, model.RowVersion{Key: k, Commit: cc.hash.String(), When: cc.when, Author: cc.author, Cells: rows[k].Cells, Fields: rows[k].Fields})
		}
		prev = rows
	}
	return out, nil
}
