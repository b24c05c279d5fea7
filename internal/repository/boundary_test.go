package repository

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestOneEntry keeps the repository knowledge in one place (issue 10): in
// the non-test Go files of lpg, only the packages listed may use each of
// these entries to the data repository, and only history, repository and
// testrepo may import go-git; every command and check reach them through
// this package.
func TestOneEntry(t *testing.T) {
	allowed := map[string][]string{ // import path + "." + name → packages (folders) that may use it
		"lpg/internal/history.Open":                        {"internal/repository"},
		"lpg/internal/validate.Run":                        {"internal/repository"},
		"lpg/internal/validate.WithFile":                   {"internal/repository"},
		"lpg/internal/validate.Accounts":                   {"internal/repository"},
		"os.DirFS":                                         {"internal/repository", "internal/linkcheck", "internal/testrepo"},
		"github.com/go-git/go-git/v5.PlainOpen":            {"internal/testrepo"},
		"github.com/go-git/go-git/v5.Open":                 {"internal/history"},
		"github.com/go-git/go-git/v5.PlainOpenWithOptions": {},
		"github.com/go-git/go-git/v5/plumbing.Revision":    {"internal/history", "internal/repository"},
	}
	// go-git itself (its object API: commits, trees, merge bases, blobs)
	// is imported only by history (the one reader), repository (the
	// facade: commits, merge bases) and testrepo (builds test
	// repositories); every other package holds the values repository
	// hands out and asks repository for the rest.
	const goGit = "github.com/go-git/go-git/v5"
	gitPackages := []string{"internal/history", "internal/repository", "internal/testrepo"}
	var found []string
	fset := token.NewFileSet()
	for _, top := range []string{"..", "../../cmd"} {
		err := fs.WalkDir(os.DirFS(top), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			pkg := path.Join(map[string]string{"..": "internal", "../../cmd": "cmd"}[top], path.Dir(p))
			f, err := parser.ParseFile(fset, top+"/"+p, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			names := map[string]string{} // local name → import path
			for _, im := range f.Imports {
				ip, _ := strconv.Unquote(im.Path.Value)
				if (ip == goGit || strings.HasPrefix(ip, goGit+"/")) && !contains(gitPackages, pkg) {
					found = append(found, fset.Position(im.Pos()).String()+": imports "+ip)
				}
				name := path.Base(ip)
				if ip == "github.com/go-git/go-git/v5" {
					name = "git"
				}
				if im.Name != nil {
					name = im.Name.Name
				}
				names[name] = ip
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				x, ok := sel.X.(*ast.Ident)
				if !ok || names[x.Name] == "" {
					return true
				}
				use := names[x.Name] + "." + sel.Sel.Name
				if pkgs, listed := allowed[use]; listed && !contains(pkgs, pkg) {
					found = append(found, fset.Position(sel.Pos()).String()+": "+use)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(found)
	if len(found) > 0 {
		t.Errorf("repository knowledge outside package repository (use repository.Open and its methods):\n%s", strings.Join(found, "\n"))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
