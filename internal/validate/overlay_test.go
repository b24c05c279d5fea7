package validate

import (
	"io/fs"
	"os"
	"reflect"
	"testing"
	"testing/fstest"
)

func TestWithFile(t *testing.T) {
	base := fstest.MapFS{"data/a/x.csv": {Data: []byte("old")}, "data/b.csv": {Data: []byte("b")}}
	o := WithFile(base, "data/a/x.csv", []byte("new"))
	if b, _ := fs.ReadFile(o, "data/a/x.csv"); string(b) != "new" {
		t.Errorf("replaced file reads %q", b)
	}
	o = WithFile(base, "data/c/2026-07/E01.csv", []byte("added"))
	var files []string
	_ = fs.WalkDir(o, "data", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if want := []string{"data/a/x.csv", "data/b.csv", "data/c/2026-07/E01.csv"}; !reflect.DeepEqual(files, want) {
		t.Errorf("walk = %v, want %v", files, want)
	}
	if err := fstest.TestFS(o, "data/a/x.csv", "data/b.csv", "data/c/2026-07/E01.csv"); err != nil {
		t.Errorf("overlay is not a valid fs.FS: %v", err)
	}
	if b, _ := fs.ReadFile(o, "data/c/2026-07/E01.csv"); string(b) != "added" {
		t.Errorf("added file reads %q", b)
	}
	// validating through the overlay sees the added file
	res, err := Repository(WithFile(os.DirFS("../.."), "data/hazards/2026-07/E09.csv", []byte(hazardHeader)), []string{"data/hazards/2026-07/E09.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || !res.Diags.HasErrors() {
		t.Errorf("overlay file not validated: files %d, errors %v", res.Files, res.Diags.Errors())
	}
}
