// Package linkcheck checks a generated site on disk (issue 6, run by
// .ci/run): every href, src and form action of every HTML page is relative
// and names a file of the site (query strings are allowed, directories are
// not: the site must work from file://), every #fragment names an id of its
// target page, and nothing points outside the site. It depends on the
// standard library and golang.org/x/net/html only.
package linkcheck

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Check walks the site in fsys and returns one line per problem, sorted,
// and the number of links checked.
func Check(fsys fs.FS) (problems []string, links int, err error) {
	ids := map[string]map[string]bool{} // page → ids
	type link struct{ page, attr, val string }
	var all []link
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		ids[p] = map[string]bool{}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					ids[p][a.Val] = true
				case "href", "src", "action":
					all = append(all, link{p, a.Key, a.Val})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	for _, l := range all {
		where := fmt.Sprintf("%s: %s=%q", l.page, l.attr, l.val)
		if l.val == "data:," { // the empty favicon
			continue
		}
		u, err := url.Parse(l.val)
		if err != nil {
			problems = append(problems, where+": "+err.Error())
			continue
		}
		if u.Scheme != "" || u.Host != "" || strings.HasPrefix(l.val, "/") {
			problems = append(problems, where+": leaves the site or is not relative")
			continue
		}
		target := l.page
		if u.Path != "" {
			target = path.Join(path.Dir(l.page), u.Path)
			st, err := fs.Stat(fsys, target)
			if err != nil {
				problems = append(problems, where+": no such file "+target)
				continue
			}
			if st.IsDir() {
				problems = append(problems, where+": a directory (does not open from file://)")
				continue
			}
		}
		if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
			problems = append(problems, where+": no id "+u.Fragment+" in "+target)
		}
	}
	sort.Strings(problems)
	return problems, len(all), nil
}

// Main checks the site directory dir, prints the problems to stderr and
// returns the exit code (0 clean, 1 problems, 2 error).
func Main(dir string) int {
	problems, n, err := Check(os.DirFS(dir))
	if err != nil {
		fmt.Fprintln(os.Stderr, "linkcheck:", err)
		return 2
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, p)
	}
	fmt.Printf("linkcheck: %d links, %d problems\n", n, len(problems))
	if len(problems) > 0 {
		return 1
	}
	return 0
}
