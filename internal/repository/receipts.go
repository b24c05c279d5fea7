package repository

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/validate"
)

// Receipts is data/receipts.csv (DESIGN.md "Time") as read with form
// receipts through csvio (any encoding lpg reads, BOM, the headers in any
// accepted spelling and order): one row per line, cells in schema order
// (path, received_at, channel, note), trimmed, as written. WriteReceipts
// writes it back canonical (UTF-8, LF, the schema's headers).
type Receipts struct{ Rows [][]string }

// Find returns the index of the row of path that is the file's receipt
// (not an update line: validate.ReceiptMerge), and whether there is one.
func (t *Receipts) Find(path string) (int, bool) {
	for i, r := range t.Rows {
		if _, update := validate.ReceiptMerge(r[2], r[3]); r[0] == path && !update {
			return i, true
		}
	}
	return -1, false
}

// Receipts reads data/receipts.csv of the working tree; a missing file is
// an empty table. A file whose header lpg cannot find is an error naming
// the file, the line and what to do.
func (r *Repo) Receipts() (*Receipts, error) {
	b, err := r.Disk().ReadFile(layout.ReceiptsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return &Receipts{}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseReceipts(b)
}

// ParseReceipts reads one version of data/receipts.csv (its bytes, e.g. a
// blob of the base branch), as Receipts does.
func ParseReceipts(b []byte) (*Receipts, error) {
	f := form.Get(form.Receipts)
	t, ds := csvio.Read(layout.ReceiptsFile, b, f.Columns)
	for _, d := range ds {
		if d.Severity == diag.Error && (t == nil || d.Line <= t.HeaderLine) {
			return nil, fmt.Errorf("%s 第 %d 行：%s（%s）：请先运行 lpg validate %s 改正", layout.ReceiptsFile, d.Line, d.Message, d.Hint, layout.ReceiptsFile)
		}
	}
	if t == nil {
		return &Receipts{}, nil
	}
	rt := &Receipts{}
	for _, rec := range t.Records {
		row := make([]string, len(f.Props))
		for i, p := range f.Props {
			row[i] = strings.TrimSpace(rec.Values[p.Field])
		}
		rt.Rows = append(rt.Rows, row)
	}
	return rt, nil
}

// Recorded returns the received_at cell of every row, as written, by
// validate.RecordedKey (the path; path and merge commit for an update
// line) (validate.Options.RecordedReceipts).
func (t *Receipts) Recorded() map[string]string {
	out := make(map[string]string, len(t.Rows))
	for _, r := range t.Rows {
		out[validate.RecordedKey(r[0], r[2], r[3])] = r[1]
	}
	return out
}

// WriteReceipts writes t to data/receipts.csv of the working tree,
// atomically.
func (r *Repo) WriteReceipts(t *Receipts) error {
	f := form.Get(form.Receipts)
	header := make([]string, len(f.Props))
	for i, p := range f.Props {
		header[i] = p.Header
	}
	return r.WriteFile(layout.ReceiptsFile, csvio.EncodeCanonical(header, t.Rows))
}
