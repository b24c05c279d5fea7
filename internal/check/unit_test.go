package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/reference"
	"lpg/internal/testrepo"
)

func TestTreeFS(t *testing.T) {
	g := testrepo.NewGit(t, t.TempDir())
	files := testrepo.Files{"a.txt": "A", "data/x/1.csv": "h\n1\n", "data/x/2.csv": "h\n", "data/y.csv": "y"}
	h := g.Commit("t", t0, "c", files)
	c, err := g.Repo.CommitObject(h)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]plumbing.Hash{}
	if err := listTree(g.Repo.Storer, c.TreeHash, "", func(p string, h plumbing.Hash) { m[p] = h }); err != nil {
		t.Fatal(err)
	}
	if len(m) != 4 {
		t.Fatalf("listed %v", m)
	}
	if err := fstest.TestFS(newTreeFS(g.Repo.Storer, m), "a.txt", "data/x/1.csv", "data/x/2.csv", "data/y.csv"); err != nil {
		t.Fatal(err)
	}
}

func TestDiffTrees(t *testing.T) {
	g := testrepo.NewGit(t, t.TempDir())
	a := g.Commit("t", t0, "a", testrepo.Files{"keep/k": "k", "mod": "1", "gone/x": "x", "flip": "file", "d/same": "s"})
	b := g.Commit("t", t0, "b", testrepo.Files{"keep/k": "k", "mod": "2", "new/n": "n", "flip/inner": "dir", "d/same": "s", "d/add": "a"})
	ta, _ := g.Repo.CommitObject(a)
	tb, _ := g.Repo.CommitObject(b)
	treeA, _ := ta.Tree()
	treeB, _ := tb.Tree()
	var out []change
	if err := diffTrees(g.Repo.Storer, treeA, treeB, "", &out); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range out {
		s := "M"
		switch {
		case c.From.IsZero():
			s = "A"
		case c.To.IsZero():
			s = "D"
		}
		got = append(got, s+" "+c.Path)
	}
	want := "A d/add D flip A flip/inner D gone/x M mod A new/n"
	if strings.Join(got, " ") != want {
		t.Errorf("diff = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestDiffRows(t *testing.T) {
	rows := strings.SplitAfter(august, "\n")[1:4]
	old := hazardHeader + strings.Join(rows, "")
	// 0001 unchanged (whitespace only), 0002 changed, 0003 removed, 0004 added.
	new := hazardHeader + strings.Replace(rows[0], "张三", " 张三 ", 1) + strings.Replace(rows[1], "李四", "李四四", 1) +
		strings.Replace(rows[2], "0003", "0004", 1)
	d := diffRows("data/hazards/2026-08/E01.csv", []byte(old), []byte(new))
	if d.Added != 1 || d.Changed != 1 || d.Removed != 1 || !d.AddedIDs["E01-202608-0004"] || d.RemovedIDs[0] != "E01-202608-0003" {
		t.Errorf("keyed diff = %+v", d)
	}
	d = diffRows("data/liaisons.csv", []byte("h\nx\ny\nz\n"), []byte("h\nx\ny2\nz\nw\n"))
	if d.Added != 1 || d.Changed != 1 || d.Removed != 0 {
		t.Errorf("line diff = %+v", d)
	}
	d = diffRows("data/reference/towns.csv", nil, []byte("h\r\na\r\n\r\n"))
	if d.Added != 1 {
		t.Errorf("added file = %+v", d)
	}
}

func TestJudge(t *testing.T) {
	ent := reference.Account{Account: "ent-e01", Role: RoleEnterprise, Submitter: "E01"}
	town := reference.Account{Account: "town-102", Role: RoleTown, Submitter: "310118102"}
	centre := reference.Account{Account: "qp", Role: RoleGasCentre}
	for _, c := range []struct {
		a       reference.Account
		path    string
		deleted bool
		want    string
	}{
		{ent, "data/hazards/2026-08/E01.csv", false, ""},
		{ent, "data/hazards/2026-08/E01.csv", true, "owner.delete"},
		{ent, "data/hazards/2026-08/E011.csv", false, "owner.file"},
		{ent, "data/hazards/2026-08/sub/E01.csv", false, "owner.file"},
		{ent, "data/rectifications/2026-08/310118102.csv", false, "owner.file"},
		{ent, "data/reference/accounts.csv", false, "owner.file"},
		{ent, "README.md", false, "owner.outside"},
		{town, "data/rectifications/2026-06/310118102.csv", false, ""},
		{town, "data/rectifications/2026-06/310118103.csv", false, "owner.file"},
		{town, "data/hazards/2026-06/E01.csv", false, "owner.file"},
		{centre, "internal/check/check.go", false, ""},
		{centre, "data/reference/accounts.csv", true, ""},
		{centre, "data/hazards/2026-06/E01.csv", true, "owner.delete"},
		{centre, "data/meetings/2026-06.md", true, ""},
	} {
		if got := judge(c.a, c.path, c.deleted).code; got != c.want {
			t.Errorf("%s %s deleted=%v: %q, want %q", c.a.Account, c.path, c.deleted, got, c.want)
		}
	}
}

func TestCodeowners(t *testing.T) {
	accounts := ParseAccounts([]byte("account,role,submitter\nqp-gas-centre,gas_centre,\n@ent-e01,enterprise,E01\nent-e01b,enterprise,E01\ntown-310118102,town,310118102\nbad,nobody,X\n"))
	gh, gt := Codeowners(accounts)
	for _, want := range []string{"\n* @qp-gas-centre\n", "\n/data/hazards/*/E01.csv @ent-e01 @ent-e01b @qp-gas-centre\n", "\n/data/rectifications/*/310118102.csv @town-310118102 @qp-gas-centre\n"} {
		if !strings.Contains(string(gh), want) {
			t.Errorf("GitHub CODEOWNERS lacks %q:\n%s", want, gh)
		}
	}
	for _, want := range []string{"\n.* @qp-gas-centre\n", "\ndata/hazards/[^/]+/E01\\\\.csv @ent-e01 @ent-e01b\n"} {
		if !strings.Contains(string(gt), want) {
			t.Errorf("Gitea CODEOWNERS lacks %q:\n%s", want, gt)
		}
	}
	if strings.Contains(string(gh), "bad") {
		t.Error("an account with an unknown role is listed")
	}
}

// TestDiffTreesGitlink: a submodule (gitlink) added to a tree is reported
// as a change, so the ownership rule can refuse it.
func TestDiffTreesGitlink(t *testing.T) {
	g := testrepo.NewGit(t, t.TempDir())
	a := g.Commit("t", t0, "a", testrepo.Files{"README.md": "x"})
	ca, _ := g.Repo.CommitObject(a)
	treeA, _ := ca.Tree()
	withSub := &object.Tree{Entries: append(append([]object.TreeEntry{}, treeA.Entries...),
		object.TreeEntry{Name: "evil", Mode: filemode.Submodule, Hash: a})}
	obj := g.Repo.Storer.NewEncodedObject()
	if err := withSub.Encode(obj); err != nil {
		t.Fatal(err)
	}
	h, err := g.Repo.Storer.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	treeB, err := object.GetTree(g.Repo.Storer, h)
	if err != nil {
		t.Fatal(err)
	}
	var out []change
	if err := diffTrees(g.Repo.Storer, treeA, treeB, "", &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Path != "evil" || !out[0].Gitlink || out[0].To != a {
		t.Errorf("diff = %+v, want one gitlink change at evil", out)
	}
}
