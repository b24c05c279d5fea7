package render

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestCompactCSS(t *testing.T) {
	for in, want := range map[string]string{
		"a { color: red; }\n/* note */\nb , i { margin : 0 }":   "a{color:red}b,i{margin :0}\n",
		"html.x :focus-visible { outline: 3px solid #000; }":    "html.x :focus-visible{outline:3px solid #000}\n",
		`p::before { content: "✓  a"; } q { content: 'x;  y' }`: `p::before{content:"✓  a"}q{content:'x;  y'}` + "\n",
		"a { width: calc(1px + 2px); }":                         "a{width:calc(1px + 2px)}\n",
		"@media (max-width: 480px) { a > b { c: d } }":          "@media (max-width:480px){a > b{c:d}}\n",
	} {
		if got := string(compactCSS([]byte(in))); got != want {
			t.Errorf("compactCSS(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCompactJS(t *testing.T) {
	in := "/* head\n   more */\n(function () {\n  // a note\n  var a = 1; // kept\n\n  /* one line */\n  f(\"  x  \");\n})();\n"
	want := "(function () {\nvar a = 1; // kept\nf(\"  x  \");\n})();\n"
	if got := string(compactJS([]byte(in))); got != want {
		t.Errorf("compactJS = %q, want %q", got, want)
	}
	tpl := "var s = `a\n  b`;\n"
	if got := string(compactJS([]byte(tpl))); got != tpl {
		t.Errorf("template literal changed: %q", got)
	}
}

// TestCompactedAssetsParse: the site's own lpg.js still parses once
// compacted (node --check, when node is installed).
func TestCompactedAssetsParse(t *testing.T) {
	src, err := os.ReadFile("../../templates/lpg.js")
	if err != nil {
		t.Fatal(err)
	}
	js := compactJS(src)
	if len(js) >= len(src) || strings.Contains(string(js), "\n  ") {
		t.Errorf("lpg.js not compacted: %d of %d bytes", len(js), len(src))
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("node not installed: syntax not checked")
		return
	}
	f := t.TempDir() + "/lpg.js"
	if err := os.WriteFile(f, js, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(node, "--check", f).CombinedOutput(); err != nil {
		t.Errorf("compacted lpg.js does not parse: %v\n%s", err, out)
	}
}
