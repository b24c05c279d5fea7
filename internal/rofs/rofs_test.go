package rofs

import (
	"io"
	"io/fs"
	"testing"
	"testing/fstest"
)

// mapFS is a tiny fs.FS built only from this package's pieces.
type mapFS map[string]string

func (m mapFS) Open(name string) (fs.File, error) {
	if s, ok := m[name]; ok {
		return File(name, []byte(s)), nil
	}
	if name == "." || name == "d" {
		return Dir(name, func() ([]fs.DirEntry, error) {
			if name == "." {
				return []fs.DirEntry{fs.FileInfoToDirEntry(FileInfo("a.txt", 1)), fs.FileInfoToDirEntry(DirInfo("d"))}, nil
			}
			return []fs.DirEntry{fs.FileInfoToDirEntry(FileInfo("b.txt", 2))}, nil
		}), nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func TestPiecesMakeAValidFS(t *testing.T) {
	if err := fstest.TestFS(mapFS{"a.txt": "A", "d/b.txt": "BB"}, "a.txt", "d/b.txt"); err != nil {
		t.Fatal(err)
	}
}

func TestDirPaging(t *testing.T) {
	d := Dir("x", func() ([]fs.DirEntry, error) {
		return []fs.DirEntry{fs.FileInfoToDirEntry(FileInfo("1", 0)), fs.FileInfoToDirEntry(FileInfo("2", 0)), fs.FileInfoToDirEntry(FileInfo("3", 0))}, nil
	})
	if got, err := d.ReadDir(2); len(got) != 2 || err != nil {
		t.Fatalf("first page: %d %v", len(got), err)
	}
	if got, err := d.ReadDir(2); len(got) != 1 || err != nil {
		t.Fatalf("second page: %d %v", len(got), err)
	}
	if _, err := d.ReadDir(2); err != io.EOF {
		t.Fatalf("end: %v, want io.EOF", err)
	}
	if fi, _ := d.Stat(); !fi.IsDir() || fi.Mode()&fs.ModeDir == 0 || fi.Name() != "x" {
		t.Errorf("dir info = %v", fi)
	}
}
