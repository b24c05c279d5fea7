package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
	"lpg/internal/testrepo"
	"lpg/internal/validate"
	"lpg/internal/workers"
)

// TestPagesMatchSite (issue 14, lpg serve): every file of a whole build of
// the sample data thinned to 5 hazards per 排查表 (thinSample: every file,
// month, town, enterprise and so every kind of file of the site, at a
// fifth of the files) — public and internal, with a published edition and
// a base URL (so sitemap.xml too) — is rendered alone by Pages.File, all of
// them concurrently, and is byte for byte the file Site wrote; names that
// are not files of the site are fs.ErrNotExist.
func TestPagesMatchSite(t *testing.T) {
	d := thinSample(t)
	for _, internal := range []bool{false, true} {
		opt := sampleOptions(d, internal)
		r := calendar.Month{Year: 2026, Month: 10}
		published := time.Date(2026, 11, 2, 9, 30, 0, 0, calendar.Shanghai)
		eo := opt
		eo.Commit, eo.AsOf = "fedcba9876543210fedcba9876543210fedcba98", published
		ed, err := EditionFiles(d, eo, r, "v1")
		if err != nil {
			t.Fatal(err)
		}
		opt.Editions = []Edition{{Month: r.String(), Name: "v1", Commit: eo.Commit, Published: published, Tagger: "燃气中心", Message: "第一版", Files: ed}}
		opt.BaseURL = "https://lpg.example.org/"
		files, err := Site(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		pages, err := NewPages(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		names := make([]string, 0, len(files))
		for p := range files {
			names = append(names, p)
		}
		sort.Strings(names)
		got := make([][]byte, len(names))
		errs := make([]error, len(names))
		workers.Each(len(names), func(i int) { got[i], errs[i] = pages.File(names[i]) })
		bad := 0
		for i, p := range names {
			switch {
			case errs[i] != nil:
				t.Errorf("internal=%v: File(%q): %v", internal, p, errs[i])
				bad++
			case !bytes.Equal(got[i], files[p]):
				t.Errorf("internal=%v: File(%q): %d bytes, differ from the %d bytes of Site", internal, p, len(got[i]), len(files[p]))
				bad++
			}
			if bad > 20 {
				t.Fatal("too many differences")
			}
		}
		if len(names) < 300 { // 310 files on 2026-12-02
			t.Errorf("internal=%v: only %d files in the whole build", internal, len(names))
		}
		for _, p := range []string{"", "towns", "towns/", "towns/310118102", "towns/310118102/", "nope.html",
			"reports/2026-10/v9/index.html", "towns/310118102/E99-202610-0001.html", "reports/2099-01/index.html", "/index.html"} {
			if _, err := pages.File(p); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("internal=%v: File(%q) = %v, want fs.ErrNotExist", internal, p, err)
			}
		}
	}
}

// thinSample validates the repository's data/ thinned by testrepo.Thin to
// the first 5 rows of each 排查表 and their 汇总表 rows: every file, month,
// town and enterprise of the sample, so every kind of file of the site, at
// a fifth of the files. It is validated once per test binary and shared by
// every test (which must not modify it).
func thinSample(t *testing.T) *model.Dataset {
	t.Helper()
	thinOnce.Do(func() { thin, thinErr = readThin() })
	if thinErr != nil {
		t.Fatal(thinErr)
	}
	return thin
}

var (
	thinOnce sync.Once
	thin     *model.Dataset
	thinErr  error
)

func readThin() (*model.Dataset, error) {
	files, err := testrepo.ReadFiles("../..", "data")
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	for p, b := range testrepo.Thin(files, 5) {
		fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	res, err := validate.Repository(fsys, nil)
	if err != nil {
		return nil, err
	}
	if res.Diags.HasErrors() {
		return nil, fmt.Errorf("thinned sample invalid: %+v", res.Diags.Errors()[0])
	}
	return res.Data, nil
}
