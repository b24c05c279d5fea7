package history

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/model"
	"lpg/internal/testrepo"
)

var sh = calendar.Shanghai

func at(y int, m time.Month, d, hh, mm, ss int, loc *time.Location) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, loc)
}

// hdr and file make a small 汇总表 (the checker's column filled in).
const hdr = "隐患编号,整改状态,核查人\n"

func file(rows ...string) []byte {
	s := hdr
	for _, r := range rows {
		s += r + ",王\n"
	}
	return []byte(s)
}

func mustOpen(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func scanHead(t *testing.T, r *Repo) *Index {
	t.Helper()
	c, err := r.HeadCommit()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := r.Scan(c.Hash)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestReceiptTimes builds a history in which hazard files of 2026-10 (due
// 2026-11-25 23:59:59 +08:00) arrive at the boundaries, on a side branch
// merged later, under a new name, and with a receipts.csv override, and
// checks received_at and the submission status of each.
func TestReceiptTimes(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := func(id string) string { return "data/hazards/2026-10/" + id + ".csv" }
	must := func(h plumbing.Hash, err error) plumbing.Hash {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	base := must(g.Commit("init", "centre", at(2026, 11, 1, 9, 0, 0, sh), map[string][]byte{"data/README.md": []byte("x")}))
	// E01 on the last second of the 25th, E02 on the first second of the 26th.
	must(g.Commit("E01", "e01", at(2026, 11, 25, 23, 59, 59, sh), map[string][]byte{p("E01"): file("E01-202610-0001,a")}))
	must(g.Commit("E02", "e02", at(2026, 11, 26, 0, 0, 0, sh), map[string][]byte{p("E02"): file("E02-202610-0001,a")}))
	// E03 at 23:30 UTC on the 25th: already the 26th, 07:30, in Shanghai.
	must(g.Commit("E03", "e03", at(2026, 11, 25, 23, 30, 0, time.UTC), map[string][]byte{p("E03"): file("E03-202610-0001,a")}))
	// E05 is committed on a side branch on the 20th and merged on the 27th:
	// the merge time counts.
	side := g.Files()
	side[p("E05")] = file("E05-202610-0001,a")
	br := must(g.Side(base, map[string][]byte{"data/README.md": []byte("x"), p("E05"): side[p("E05")]}, "E05 on a branch", "e05", at(2026, 11, 20, 10, 0, 0, sh)))
	merge := must(g.Commit("merge E05", "centre", at(2026, 11, 27, 9, 0, 0, sh), map[string][]byte{p("E05"): side[p("E05")]}, br))
	// E06 was first submitted under a wrong name on the 10th and renamed on
	// the 28th: the path counts, so it is received on the 28th.
	must(g.Commit("e06 wrong name", "e06", at(2026, 11, 10, 10, 0, 0, sh), map[string][]byte{"data/hazards/2026-10/e6.csv": file("E06-202610-0001,a")}))
	must(g.Commit("rename", "centre", at(2026, 11, 28, 10, 0, 0, sh), map[string][]byte{"data/hazards/2026-10/e6.csv": nil, p("E06"): file("E06-202610-0001,a")}))
	// E07 is committed late but receipts.csv says it was handed in on paper on the 24th.
	must(g.Commit("E07", "centre", at(2026, 11, 29, 10, 0, 0, sh), map[string][]byte{p("E07"): file("E07-202610-0001,a")}))

	r := mustOpen(t, dir)
	ix := scanHead(t, r)
	want := map[string]time.Time{
		p("E01"):                      at(2026, 11, 25, 23, 59, 59, sh),
		p("E02"):                      at(2026, 11, 26, 0, 0, 0, sh),
		p("E03"):                      at(2026, 11, 25, 23, 30, 0, time.UTC),
		p("E05"):                      at(2026, 11, 27, 9, 0, 0, sh),
		p("E06"):                      at(2026, 11, 28, 10, 0, 0, sh),
		"data/hazards/2026-10/e6.csv": at(2026, 11, 10, 10, 0, 0, sh),
	}
	for path, w := range want {
		got, ok := ix.ReceivedAt(path)
		if !ok || !got.Equal(w) {
			t.Errorf("ReceivedAt(%s) = %v, %v; want %v", path, got, ok, w)
		}
	}
	if _, ok := ix.ReceivedAt(p("E04")); ok {
		t.Error("E04 was never committed but has a receipt time")
	}

	// Statuses through loop, with receipts.csv chained before git.
	d := &model.Dataset{}
	for _, id := range []string{"E01", "E02", "E03", "E05", "E06", "E07"} {
		d.Files = append(d.Files, model.File{Path: p(id), Form: model.FormHazards})
	}
	rec := loop.Chain{loop.ReceiptMap{p("E07"): at(2026, 11, 24, 16, 0, 0, sh)}, ix}
	m := calendar.Month{Year: 2026, Month: 10}
	asOf := at(2026, 11, 30, 23, 59, 59, sh)
	wantStatus := map[string]string{"E01": loop.OnTime, "E02": loop.Late, "E03": loop.Late, "E04": loop.Missing,
		"E05": loop.Late, "E06": loop.Late, "E07": loop.OnTime}
	for id, w := range wantStatus {
		if got := loop.Evaluate1(d, rec, model.FormHazards, m, id, asOf, asOf).Status; got != w {
			t.Errorf("%s: status %s, want %s", id, got, w)
		}
	}
	// At the deadline itself (as_of = due) a file not received is missing;
	// a second before, it is pending, and a file received after as_of
	// counts as not received.
	for _, c := range []struct {
		asOf time.Time
		want map[string]string
	}{
		{at(2026, 11, 25, 23, 59, 59, sh), map[string]string{"E01": loop.OnTime, "E02": loop.Missing, "E04": loop.Missing}},
		{at(2026, 11, 25, 23, 59, 58, sh), map[string]string{"E01": loop.Pending, "E02": loop.Pending, "E04": loop.Pending}},
	} {
		for id, w := range c.want {
			if got := loop.Evaluate1(d, rec, model.FormHazards, m, id, c.asOf, c.asOf).Status; got != w {
				t.Errorf("%s at %v: status %s, want %s", id, c.asOf, got, w)
			}
		}
	}
	// Without git (receipts.csv only) a file present is unknown, never late.
	if got := loop.Evaluate1(d, loop.ReceiptMap{}, model.FormHazards, m, "E02", asOf, asOf).Status; got != loop.Unknown {
		t.Errorf("no git: status %s, want unknown", got)
	}

	// The index as of the merge commit knows nothing that came later.
	v, ok := ix.At(merge)
	if !ok {
		t.Fatal("merge commit not on the first-parent chain")
	}
	if _, ok := v.ReceivedAt(p("E06")); ok {
		t.Error("view at the merge knows E06")
	}
	if got, _ := v.ReceivedAt(p("E05")); !got.Equal(want[p("E05")]) {
		t.Errorf("view at the merge: E05 at %v", got)
	}
	if _, ok := ix.At(br); ok {
		t.Error("a side-branch commit is on the first-parent chain")
	}
	// Scanning from the merge directly gives the same answer.
	ix2, err := r.Scan(merge)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := ix2.ReceivedAt(p("E05")); !got.Equal(want[p("E05")]) {
		t.Errorf("scan at the merge: E05 at %v", got)
	}
}

func TestOpenPlainAndShallow(t *testing.T) {
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNoRepository) {
		t.Errorf("plain directory: %v, want ErrNoRepository", err)
	}
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	h, err := g.Commit("c", "a", at(2026, 1, 1, 0, 0, 0, sh), map[string][]byte{"data/x.csv": file()})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "shallow"), []byte(h.String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrShallow) {
		t.Errorf("shallow clone: %v, want ErrShallow", err)
	}
}

// TestRevisions: a town updates its 汇总表 three times; each revision
// counts the rows it added, changed and removed.
func TestRevisions(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := "data/rectifications/2026-09/310118102.csv"
	steps := []struct {
		content []byte
		a, c, r int
	}{
		{file("E01-202609-0001,整改中", "E01-202609-0002,未整改"), 2, 0, 0},
		{file("E01-202609-0001,已整改", "E01-202609-0002,未整改", "E01-202609-0003,整改中"), 1, 1, 0},
		{[]byte("\ufeff" + string(file("E01-202609-0001,已整改", "E01-202609-0003,已整改"))), 0, 1, 1},
	}
	for i, s := range steps {
		if _, err := g.Commit("update", "town", at(2026, 10, 1+i, 9, 0, 0, sh), map[string][]byte{f: s.content}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := g.Commit("other", "x", at(2026, 10, 9, 9, 0, 0, sh), map[string][]byte{"data/other.csv": file()}); err != nil {
		t.Fatal(err)
	}
	ix := scanHead(t, mustOpen(t, dir))
	revs, err := ix.Revisions(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 3 {
		t.Fatalf("%d revisions, want 3", len(revs))
	}
	at2, ok := ix.At(plumbing.NewHash(revs[1].Commit))
	if !ok {
		t.Fatal("no view at the second revision")
	}
	for _, v := range []struct {
		ix    *Index
		n     int
		first string
	}{{ix, 3, revs[0].Commit}, {at2, 2, revs[0].Commit}} {
		if n, first := v.ix.RevisionCount(f); n != v.n || first != v.first {
			t.Errorf("RevisionCount at %s = %d, %s; want %d, %s", v.ix.Commit(), n, first, v.n, v.first)
		}
	}
	if n, first := ix.RevisionCount("data/none.csv"); n != 0 || first != "" {
		t.Errorf("RevisionCount of a path never committed = %d, %q", n, first)
	}
	for i, s := range steps {
		rv := revs[i]
		if rv.Added != s.a || rv.Changed != s.c || rv.Removed != s.r || rv.Author != "town" || !rv.When.Equal(at(2026, 10, 1+i, 9, 0, 0, sh)) {
			t.Errorf("revision %d = %+v, want +%d ~%d -%d", i+1, rv, s.a, s.c, s.r)
		}
	}
}

func TestTreeFS(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"lpg/data/a.csv": file("A,1"), "lpg/data/sub/b.csv": file(), "lpg/templates/x.html": []byte("<p>")}
	if _, err := g.Commit("c", "a", at(2026, 1, 1, 0, 0, 0, sh), files); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "lpg"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := mustOpen(t, filepath.Join(dir, "lpg")) // a repository root below the top
	if r.Prefix() != "lpg/" {
		t.Errorf("prefix %q", r.Prefix())
	}
	c, err := r.HeadCommit()
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := r.TreeFS(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "data/a.csv", "data/sub/b.csv", "templates/x.html"); err != nil {
		t.Error(err)
	}
	if _, err := fsys.Open("data/missing.csv"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	// the scan of a subdirectory root keys paths by the lpg root
	ix, err := r.Scan(c.Hash)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.ReceivedAt("data/sub/b.csv"); !ok {
		t.Errorf("paths %v", ix.Paths())
	}
}

// TestTreeFSConcurrent reads a packed repository's tree from many
// goroutines at once, as validate does (run with -race).
func TestTreeFSConcurrent(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for i := 0; i < 40; i++ {
		files[fmt.Sprintf("data/hazards/2026-%02d/E%02d.csv", 1+i%10, i)] = file(fmt.Sprintf("E%02d-0001,%d", i, i))
	}
	if _, err := g.Commit("c", "a", at(2026, 1, 1, 0, 0, 0, sh), files); err != nil {
		t.Fatal(err)
	}
	if err := g.Repo.RepackObjects(&git.RepackConfig{}); err != nil {
		t.Fatal(err)
	}
	r := mustOpen(t, dir)
	c, err := r.HeadCommit()
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := r.TreeFS(c)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p, want := range files {
				got, err := fs.ReadFile(fsys, p)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s: %q, %v", p, got, err)
				}
			}
		}()
	}
	wg.Wait()
}

// TestFSRefusesSpecialEntries: the one tree reader lists a symbolic link
// as a link and a submodule as irregular, and reads neither (issue 10
// hole 2: a link's text was read as the file's content).
func TestFSRefusesSpecialEntries(t *testing.T) {
	g := testrepo.NewGit(t, t.TempDir())
	c := g.Commit("c", at(2026, 1, 1, 0, 0, 0, sh), "c", testrepo.Files{
		"data/ok.csv": "a\n", "data/link.csv": testrepo.Symlink + "a,b", "data/sub": testrepo.Gitlink + strings.Repeat("1", 40)})
	g.Ref("refs/heads/main", c)
	g.Head("main")
	r := mustOpen(t, g.Dir)
	head, err := r.HeadCommit()
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := r.TreeFS(head)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := fs.ReadDir(fsys, "data")
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]fs.FileMode{}
	for _, e := range ents {
		types[e.Name()] = e.Type()
	}
	if types["link.csv"] != fs.ModeSymlink || types["sub"] != fs.ModeIrregular || types["ok.csv"] != 0 {
		t.Errorf("types %v", types)
	}
	for _, p := range []string{"data/link.csv", "data/sub"} {
		if _, err := fs.ReadFile(fsys, p); !errors.Is(err, ErrSpecial) {
			t.Errorf("read %s: %v, want ErrSpecial", p, err)
		}
	}
}

// TestRectificationReceivedWithFirstRow (adversarial review F15, G3): a
// 汇总表 counts as received from its first version with a filled row (整改状态
// not empty) — a header-only placeholder or the site's untouched 预填汇总表
// committed early carries no receipt — and the push that
// brings that row is what Added reports (the forge receipt rule).
func TestRectificationReceivedWithFirstRow(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	must := func(h plumbing.Hash, err error) plumbing.Hash {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	rp := func(town string) string { return "data/rectifications/2026-09/" + town + ".csv" }
	hp := "data/hazards/2026-09/E01.csv"
	c0 := must(g.Commit("placeholders", "town", at(2026, 9, 15, 10, 0, 0, sh), map[string][]byte{
		rp("310118102"): file(), rp("310118103"): file(), rp("310118104"): file("E01-202609-0001,"), hp: []byte(hdr)}))
	c1 := must(g.Commit("E01", "e01", at(2026, 10, 20, 10, 0, 0, sh), map[string][]byte{hp: file("E01-202609-0001,a")}))
	c2 := must(g.Commit("rows", "town", at(2026, 12, 2, 10, 0, 0, sh), map[string][]byte{
		rp("310118102"): file("E01-202609-0001,已整改"), rp("310118103"): []byte("隐患编号,整改状态,核查人\r\n,,\r\n"),
		rp("310118104"): file("E01-202609-0001,已整改")}))
	r := mustOpen(t, dir)
	ix := scanHead(t, r)
	for _, tt := range []struct {
		path string
		ok   bool
		want time.Time
	}{
		{rp("310118102"), true, at(2026, 12, 2, 10, 0, 0, sh)}, // the placeholder of 09-15 does not count
		{rp("310118103"), false, time.Time{}},                  // still no data row (a blank line is none)
		{rp("310118104"), true, at(2026, 12, 2, 10, 0, 0, sh)}, // the untouched 预填汇总表 of 09-15 (a row, 整改状态 empty) does not count (G3)
		{hp, true, at(2026, 9, 15, 10, 0, 0, sh)},              // a header-only 排查表 is a submission ("no hazards")
	} {
		got, ok := ix.ReceivedAt(tt.path)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ReceivedAt(%s) = %v, %v; want %v, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
	// FirstVersionAt (review round 4 H9): any version, filled or not; a
	// view at c0 (the first commit) knows the placeholders too.
	v0, ok := ix.At(c0)
	if !ok {
		t.Fatal("At(c0) not on the chain")
	}
	for _, tt := range []struct {
		ix   *Index
		path string
		ok   bool
		want time.Time
	}{
		{ix, rp("310118102"), true, at(2026, 9, 15, 10, 0, 0, sh)},
		{ix, rp("310118103"), true, at(2026, 9, 15, 10, 0, 0, sh)},
		{ix, rp("310118104"), true, at(2026, 9, 15, 10, 0, 0, sh)},
		{ix, hp, true, at(2026, 9, 15, 10, 0, 0, sh)},
		{v0, rp("310118102"), true, at(2026, 9, 15, 10, 0, 0, sh)},
		{ix, rp("310118105"), false, time.Time{}},
	} {
		got, ok := tt.ix.FirstVersionAt(tt.path)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("FirstVersionAt(%s) at %s = %v, %v; want %v, %v", tt.path, tt.ix.Commit()[:7], got, ok, tt.want, tt.ok)
		}
	}
	for _, tt := range []struct {
		base, head plumbing.Hash
		want       []string
	}{
		{c0, c1, nil},
		{c1, c2, []string{rp("310118102"), rp("310118104")}},
	} {
		got, err := r.Added(tt.base.String(), tt.head.String())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Added(%s, %s) = %q, want %q", tt.base.String()[:7], tt.head.String()[:7], got, tt.want)
		}
	}
}
