package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/validate"
)

// workTree is the data repository on disk, the lpg root given by --root:
// the one place the commands that change files (import, receipt, owners)
// turn repository paths (slash-separated, relative to the root, from
// package layout) into files. It reads through an fs.FS, so a file about
// to be written can be laid over it (With) and the whole repository
// validated as it would be.
type workTree struct{ dir string }

// FS returns the repository as an fs.FS.
func (w workTree) FS() fs.FS { return os.DirFS(w.dir) }

// With returns the repository with the file at p replaced by data,
// without writing anything (validate.WithFile).
func (w workTree) With(p string, data []byte) fs.FS { return validate.WithFile(w.FS(), p, data) }

// ReadFile reads the file at repository path p.
func (w workTree) ReadFile(p string) ([]byte, error) { return fs.ReadFile(w.FS(), p) }

// WriteFile writes the file at repository path p atomically, creating its
// folders.
func (w workTree) WriteFile(p string, data []byte) error {
	return writeFileAtomic(filepath.Join(w.dir, filepath.FromSlash(p)), data)
}

// receiptsTable is data/receipts.csv read with form receipts through csvio
// (any encoding lpg reads, BOM, the headers in any accepted spelling and
// order): one row per line, cells in schema order (path, received_at,
// channel, note), as written. It is written back canonical (UTF-8, LF,
// the schema's headers).
type receiptsTable struct{ rows [][]string }

// readReceipts reads data/receipts.csv of w; a missing file is an empty
// table. A file whose header lpg cannot find is an error naming the file
// and what to do.
func (w workTree) readReceipts() (*receiptsTable, error) {
	b, err := w.ReadFile(layout.ReceiptsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return &receiptsTable{}, nil
	}
	if err != nil {
		return nil, err
	}
	f := form.Get(form.Receipts)
	t, ds := csvio.Read(layout.ReceiptsFile, b, f.Columns)
	for _, d := range ds {
		if d.Severity == diag.Error && (t == nil || d.Line <= t.HeaderLine) {
			return nil, fmt.Errorf("%s 第 %d 行：%s（%s）：请先运行 lpg validate %s 改正", layout.ReceiptsFile, d.Line, d.Message, d.Hint, layout.ReceiptsFile)
		}
	}
	if t == nil {
		return &receiptsTable{}, nil
	}
	rt := &receiptsTable{}
	for _, r := range t.Records {
		row := make([]string, len(f.Props))
		for i, p := range f.Props {
			row[i] = strings.TrimSpace(r.Values[p.Field])
		}
		rt.rows = append(rt.rows, row)
	}
	return rt, nil
}

// find returns the index of the row of path, and whether there is one.
func (t *receiptsTable) find(path string) (int, bool) {
	for i, r := range t.rows {
		if r[0] == path {
			return i, true
		}
	}
	return -1, false
}

// writeReceipts writes t to data/receipts.csv of w.
func (w workTree) writeReceipts(t *receiptsTable) error {
	f := form.Get(form.Receipts)
	header := make([]string, len(f.Props))
	for i, p := range f.Props {
		header[i] = p.Header
	}
	return w.WriteFile(layout.ReceiptsFile, csvio.EncodeCanonical(header, t.rows))
}
