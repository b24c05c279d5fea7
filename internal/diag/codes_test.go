package diag_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"lpg/internal/diag"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// reCode is the shape of a diagnostic code: dotted lower-case words
// ("phone.format"), or one word ("separator").
var reCode = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)

// emittedCodes reads the Go source below root (tests left out) and
// returns every diagnostic code it can emit, with where: a string literal
// (or a variable assigned one) given as Code of a diag.Diagnostic,
// layout.Error or masthead.Problem, given for a parameter named code of a function,
// method or function literal of the same package that also takes a hint,
// or as the field code of such a struct written positionally. A code built from a field name
// (p.Field + ".required") is written "*.required", one built from a prefix
// ("schema." + keyword) "schema.*". Anything else passed as a code is
// returned in odd, so that a new way of writing one fails the test.
func emittedCodes(t *testing.T, root string) (codes map[string][]string, odd []string) {
	t.Helper()
	codes = map[string][]string{}
	fset := token.NewFileSet()
	pkgs := map[string][]*ast.File{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "testrepo") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		pkgs[filepath.Dir(p)] = append(pkgs[filepath.Dir(p)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, files := range pkgs {
		// Functions with a parameter named code, by name, and the
		// index of that parameter; structs with a field code.
		funcs := map[string]int{}
		structs := map[string]int{}
		params := func(ft *ast.FuncType) int {
			hint := false
			for _, f := range ft.Params.List {
				for _, name := range f.Names {
					hint = hint || name.Name == "hint"
				}
			}
			if !hint {
				return -1 // not a function that makes a diagnostic
			}
			i := 0
			for _, f := range ft.Params.List {
				n := len(f.Names)
				if n == 0 {
					n = 1
				}
				for _, name := range f.Names {
					if name.Name == "code" {
						return i
					}
					i++
				}
				if len(f.Names) == 0 {
					i += n
				}
			}
			return -1
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					if i := params(n.Type); i >= 0 {
						funcs[n.Name.Name] = i
					}
				case *ast.AssignStmt:
					for k, rhs := range n.Rhs {
						if fl, ok := rhs.(*ast.FuncLit); ok && k < len(n.Lhs) {
							if id, ok := n.Lhs[k].(*ast.Ident); ok {
								if i := params(fl.Type); i >= 0 {
									funcs[id.Name] = i
								}
							}
						}
					}
				case *ast.TypeSpec:
					if st, ok := n.Type.(*ast.StructType); ok {
						i, hint := 0, false
						for _, fld := range st.Fields.List {
							for _, name := range fld.Names {
								hint = hint || name.Name == "hint"
							}
						}
						if !hint {
							return true
						}
						for _, fld := range st.Fields.List {
							for _, name := range fld.Names {
								if name.Name == "code" {
									structs[n.Name.Name] = i
								}
								i++
							}
						}
					}
				}
				return true
			})
		}
		for _, f := range files {
			// Code-shaped literals assigned to a variable in this file:
			// code := "village.unknown"; if … { code = "village.ambiguous" }.
			assigned := map[string][]ast.Expr{}
			ast.Inspect(f, func(n ast.Node) bool {
				if a, ok := n.(*ast.AssignStmt); ok && len(a.Lhs) == len(a.Rhs) {
					for k, l := range a.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							if _, ok := codeOf(a.Rhs[k]); ok {
								assigned[id.Name] = append(assigned[id.Name], a.Rhs[k])
							}
						}
					}
				}
				return true
			})
			var add func(e ast.Expr)
			add = func(e ast.Expr) {
				pos := fset.Position(e.Pos()).String()
				if c, ok := codeOf(e); ok {
					codes[c] = append(codes[c], pos)
					return
				}
				switch e := e.(type) {
				case *ast.Ident:
					if lits := assigned[e.Name]; len(lits) > 0 {
						for _, l := range lits {
							add(l)
						}
						return
					}
					if e.Name == "code" {
						return // a parameter passed on: its callers are read
					}
				case *ast.SelectorExpr:
					if e.Sel.Name == "Code" || e.Sel.Name == "code" {
						return // a code made elsewhere (layout.Error, refusal), read there
					}
				}
				odd = append(odd, pos)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					name := ""
					switch fn := n.Fun.(type) {
					case *ast.Ident:
						name = fn.Name
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					}
					if i, ok := funcs[name]; ok && i < len(n.Args) {
						add(n.Args[i])
					}
				case *ast.CompositeLit:
					var tname string
					switch ty := n.Type.(type) {
					case *ast.Ident:
						tname = ty.Name
					case *ast.SelectorExpr:
						tname = ty.Sel.Name
					}
					for _, e := range n.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Code" {
								if _, ok := codeOf(kv.Value); ok || diagTypes[tname] {
									add(kv.Value)
								}
							}
						}
					}
					id, ok := n.Type.(*ast.Ident)
					if !ok {
						return true
					}
					if i, ok := structs[id.Name]; ok && i < len(n.Elts) {
						if _, kv := n.Elts[0].(*ast.KeyValueExpr); !kv {
							add(n.Elts[i])
						}
					}
				}
				return true
			})
		}
	}
	sort.Strings(odd)
	return codes, odd
}

// diagTypes are the types that carry a diagnostic code in their field
// Code: diag.Diagnostic, layout.Error, masthead.Problem.
var diagTypes = map[string]bool{"Diagnostic": true, "Error": true, "Problem": true}

// codeOf returns the code e writes: a literal, "*.suffix" for
// x + ".suffix", "prefix.*" for "prefix." + x.
func codeOf(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		if err != nil || !reCode.MatchString(s) {
			return "", false
		}
		return s, true
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		if l, ok := e.Y.(*ast.BasicLit); ok && l.Kind == token.STRING {
			s, _ := strconv.Unquote(l.Value)
			if strings.HasPrefix(s, ".") && reCode.MatchString(s[1:]) {
				return "*" + s, true
			}
		}
		if l, ok := e.X.(*ast.BasicLit); ok && l.Kind == token.STRING {
			s, _ := strconv.Unquote(l.Value)
			if strings.HasSuffix(s, ".") && reCode.MatchString(s[:len(s)-1]) {
				return s + "*", true
			}
		}
	}
	return "", false
}

// TestCatalogue (issue 10): every code the source emits is in
// diag.Catalogue, and every entry of the catalogue is emitted somewhere;
// each entry has a Chinese message and hint, and the catalogue is sorted.
func TestCatalogue(t *testing.T) {
	codes, odd := emittedCodes(t, "..")
	for _, o := range odd {
		t.Errorf("%s: a code passed in a way the test cannot read; pass a literal or a variable assigned one", o)
	}
	listed := map[string]bool{}
	for i, e := range diag.Catalogue {
		if listed[e.Code] {
			t.Errorf("%s listed twice", e.Code)
		}
		listed[e.Code] = true
		if i > 0 && diag.Catalogue[i-1].Code >= e.Code {
			t.Errorf("catalogue not sorted at %s", e.Code)
		}
		if !hasHan(e.Message) || !hasHan(e.Hint) {
			t.Errorf("%s: message and hint must be Chinese", e.Code)
		}
		if _, ok := codes[e.Code]; !ok {
			t.Errorf("%s is in the catalogue but nothing emits it (dead entry)", e.Code)
		}
	}
	for c, where := range codes {
		if !listed[c] {
			t.Errorf("%s (emitted at %s) is not in diag.Catalogue", c, strings.Join(where, ", "))
		}
	}
	if len(codes) < 100 {
		t.Errorf("found only %d codes in the source: the scan is broken", len(codes))
	}
	for _, c := range []string{"phone.required", "schema.type", "file.location", "code.duplicate"} {
		if _, ok := diag.Lookup(c); !ok {
			t.Errorf("Lookup(%q) finds no entry", c)
		}
	}
	if _, ok := diag.Lookup("nothing.such"); ok {
		t.Error("Lookup finds an entry for an unknown code")
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
