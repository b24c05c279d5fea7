package linkcheck

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheck(t *testing.T) {
	page := func(s string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("<!DOCTYPE html><html><body>" + s + "</body></html>")}
	}
	fsys := fstest.MapFS{
		"index.html":        page(`<a href="a/index.html#x">ok</a><a href="a/index.html?q=1">ok</a><a href="#top">bad</a><a href="a/">dir</a><a href="https://cdn.example/x.js">ext</a><img src="/abs.png" alt=""><link rel="icon" href="data:,">`),
		"a/index.html":      page(`<p id="x">x</p><a href="../missing.html">missing</a><a href="../index.html">ok</a><form action="../search/index.html"></form>`),
		"search/index.html": page(`<script src="../lpg.js"></script>`),
		"lpg.js":            &fstest.MapFile{Data: []byte("")},
	}
	problems, n, err := Check(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if n != 11 {
		t.Errorf("%d links, want 11", n)
	}
	want := []string{
		`a/index.html: href="../missing.html": no such file missing.html`,
		`index.html: href="#top": no id top in index.html`,
		`index.html: href="a/": a directory (does not open from file://)`,
		`index.html: href="https://cdn.example/x.js": leaves the site or is not relative`,
		`index.html: src="/abs.png": leaves the site or is not relative`,
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
}
