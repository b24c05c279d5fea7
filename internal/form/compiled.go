package form

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// rules is a form's JSON Schema compiled into checks over a row given as
// its cells in the order of Form.Props (an empty cell is a property absent
// from the object the schema describes). It is what validate runs on every
// row; Form.Check, which hands the row to jsonschema as a map, is the
// reference it must agree with (compiled_test.go, FuzzCheckCells).
//
// compileRules understands exactly the keywords lpg's schemas use and
// refuses any other, so a schema cannot gain a rule that the compiled
// checks silently skip: type, properties, required, additionalProperties
// (false), allOf, if/then/else, const, enum, pattern and format; $schema,
// $id, title, description, $comment and x-* are annotations.
type rules struct {
	node *node
}

// node is one compiled (sub)schema of an object: what it requires of the
// row and of each property.
type node struct {
	required []field  // in the order the schema lists them
	props    []*value // in the order of the form's properties
	allOf    []*node  // applied in order
	ifNode   *node    // if/then/else: then applies when the row satisfies ifNode
	thenNode *node
	elseNode *node
	noExtra  bool // additionalProperties: false (always holds: a row has only the form's columns)
}

// field is a property: its index in Form.Props (and in a row's cells) and name.
type field struct {
	i    int
	name string
}

// value is the compiled schema of one property (a string cell).
type value struct {
	field
	isString bool // type: string (every cell is a string)
	constant *string
	enum     map[string]bool
	pattern  func(string) bool // a hand-written matcher (patternMatchers) or the regexp's MatchString
	format   func(string) bool
}

var annotations = map[string]bool{"$schema": true, "$id": true, "title": true, "description": true, "$comment": true}

func compileRules(b []byte, index map[string]int) (*rules, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	n, err := compileNode(raw, index, "")
	if err != nil {
		return nil, err
	}
	return &rules{node: n}, nil
}

func compileNode(raw map[string]json.RawMessage, index map[string]int, at string) (*node, error) {
	n := &node{}
	for _, kw := range sortedKeys(raw) {
		v := raw[kw]
		switch {
		case annotations[kw] || strings.HasPrefix(kw, "x-"):
		case kw == "type":
			var t string
			if err := json.Unmarshal(v, &t); err != nil || t != "object" {
				return nil, fmt.Errorf("%s/type: only \"object\" is compiled (got %s)", at, v)
			}
		case kw == "additionalProperties":
			var b bool
			if err := json.Unmarshal(v, &b); err != nil || b {
				return nil, fmt.Errorf("%s/additionalProperties: only false is compiled (got %s)", at, v)
			}
			n.noExtra = true
		case kw == "required":
			var req []string
			if err := json.Unmarshal(v, &req); err != nil {
				return nil, fmt.Errorf("%s/required: %w", at, err)
			}
			for _, f := range req {
				i, ok := index[f]
				if !ok {
					return nil, fmt.Errorf("%s/required: %q is not a property of the form", at, f)
				}
				n.required = append(n.required, field{i, f})
			}
		case kw == "properties":
			var props map[string]map[string]json.RawMessage
			if err := json.Unmarshal(v, &props); err != nil {
				return nil, fmt.Errorf("%s/properties: %w", at, err)
			}
			for f, p := range props {
				i, ok := index[f]
				if !ok {
					return nil, fmt.Errorf("%s/properties: %q is not a property of the form", at, f)
				}
				val, err := compileValue(p, at+"/properties/"+f)
				if err != nil {
					return nil, err
				}
				val.field = field{i, f}
				n.props = append(n.props, val)
			}
			sort.Slice(n.props, func(a, b int) bool { return n.props[a].i < n.props[b].i })
		case kw == "allOf":
			var subs []map[string]json.RawMessage
			if err := json.Unmarshal(v, &subs); err != nil {
				return nil, fmt.Errorf("%s/allOf: %w", at, err)
			}
			for k, s := range subs {
				sn, err := compileNode(s, index, fmt.Sprintf("%s/allOf/%d", at, k))
				if err != nil {
					return nil, err
				}
				n.allOf = append(n.allOf, sn)
			}
		case kw == "if" || kw == "then" || kw == "else":
			var s map[string]json.RawMessage
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, fmt.Errorf("%s/%s: %w", at, kw, err)
			}
			sn, err := compileNode(s, index, at+"/"+kw)
			if err != nil {
				return nil, err
			}
			switch kw {
			case "if":
				n.ifNode = sn
			case "then":
				n.thenNode = sn
			default:
				n.elseNode = sn
			}
		default:
			return nil, fmt.Errorf("%s/%s: keyword not compiled; teach form/compiled.go about it", at, kw)
		}
	}
	return n, nil
}

func compileValue(raw map[string]json.RawMessage, at string) (*value, error) {
	val := &value{}
	for _, kw := range sortedKeys(raw) {
		v := raw[kw]
		switch {
		case annotations[kw] || strings.HasPrefix(kw, "x-"):
		case kw == "type":
			var t string
			if err := json.Unmarshal(v, &t); err != nil || t != "string" {
				return nil, fmt.Errorf("%s/type: only \"string\" is compiled (got %s)", at, v)
			}
			val.isString = true
		case kw == "const":
			var c string
			if err := json.Unmarshal(v, &c); err != nil {
				return nil, fmt.Errorf("%s/const: only a string is compiled: %w", at, err)
			}
			val.constant = &c
		case kw == "enum":
			var e []string
			if err := json.Unmarshal(v, &e); err != nil {
				return nil, fmt.Errorf("%s/enum: only strings are compiled: %w", at, err)
			}
			val.enum = make(map[string]bool, len(e))
			for _, s := range e {
				val.enum[s] = true
			}
		case kw == "pattern":
			var p string
			if err := json.Unmarshal(v, &p); err != nil {
				return nil, fmt.Errorf("%s/pattern: %w", at, err)
			}
			re, err := regexp.Compile(p) // as jsonschema/v5 does: Go syntax, unanchored search
			if err != nil {
				return nil, fmt.Errorf("%s/pattern: %w", at, err)
			}
			val.pattern = re.MatchString
			if m, ok := patternMatchers[p]; ok {
				val.pattern = m
			}
		case kw == "format":
			var f string
			if err := json.Unmarshal(v, &f); err != nil {
				return nil, fmt.Errorf("%s/format: %w", at, err)
			}
			// The reference's own format checkers (date, date-time, email):
			// the same code decides, so they cannot drift apart.
			fn, ok := jsonschema.Formats[f]
			if !ok {
				return nil, fmt.Errorf("%s/format: %q is not a format jsonschema asserts", at, f)
			}
			val.format = func(s string) bool { return fn(s) }
			if f == "date" {
				val.format = dateFormat(fn) // the same verdicts, without time.Parse for YYYY-MM-DD (match.go)
			}
		default:
			return nil, fmt.Errorf("%s/%s: keyword not compiled; teach form/compiled.go about it", at, kw)
		}
	}
	return val, nil
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// check appends to dst the violations of n by the row cells.
func (n *node) check(dst []Violation, cells []string) []Violation {
	for _, r := range n.required {
		if cells[r.i] == "" {
			dst = append(dst, Violation{Field: r.name, Keyword: "required"})
		}
	}
	for _, val := range n.props {
		if c := cells[val.i]; c != "" {
			dst = val.check(dst, c)
		}
	}
	for _, s := range n.allOf {
		dst = s.check(dst, cells)
	}
	if n.ifNode != nil {
		if n.ifNode.valid(cells) {
			if n.thenNode != nil {
				dst = n.thenNode.check(dst, cells)
			}
		} else if n.elseNode != nil {
			dst = n.elseNode.check(dst, cells)
		}
	}
	return dst
}

// valid reports whether the row satisfies n (for if), without allocating.
func (n *node) valid(cells []string) bool {
	for _, r := range n.required {
		if cells[r.i] == "" {
			return false
		}
	}
	for _, val := range n.props {
		if c := cells[val.i]; c != "" && !val.ok(c) {
			return false
		}
	}
	for _, s := range n.allOf {
		if !s.valid(cells) {
			return false
		}
	}
	if n.ifNode != nil {
		if n.ifNode.valid(cells) {
			return n.thenNode == nil || n.thenNode.valid(cells)
		}
		return n.elseNode == nil || n.elseNode.valid(cells)
	}
	return true
}

func (v *value) ok(c string) bool {
	return (v.constant == nil || *v.constant == c) && (v.enum == nil || v.enum[c]) &&
		(v.pattern == nil || v.pattern(c)) && (v.format == nil || v.format(c))
}

func (v *value) check(dst []Violation, c string) []Violation {
	field := v.name
	if v.constant != nil && *v.constant != c {
		dst = append(dst, Violation{Field: field, Keyword: "const"})
	}
	if v.enum != nil && !v.enum[c] {
		dst = append(dst, Violation{Field: field, Keyword: "enum"})
	}
	if v.pattern != nil && !v.pattern(c) {
		dst = append(dst, Violation{Field: field, Keyword: "pattern"})
	}
	if v.format != nil && !v.format(c) {
		dst = append(dst, Violation{Field: field, Keyword: "format"})
	}
	return dst
}

// CheckCells validates one row given as its cells in the order of f.Props
// ("" for an empty cell or a column the file lacks) with the compiled
// rules of the form's schema, and appends to dst the rules it breaks, one
// per field and keyword, sorted as Check sorts them. A valid row appends
// nothing.
func (f *Form) CheckCells(dst []Violation, cells []string) []Violation {
	if len(cells) != len(f.Props) {
		panic(fmt.Sprintf("form %s: CheckCells got %d cells for %d properties", f.Name, len(cells), len(f.Props)))
	}
	start := len(dst)
	dst = f.rules.node.check(dst, cells)
	if len(dst)-start > 1 {
		vs := dst[start:]
		sort.Slice(vs, func(i, j int) bool {
			if vs[i].Field != vs[j].Field {
				return vs[i].Field < vs[j].Field
			}
			return vs[i].Keyword < vs[j].Keyword
		})
		k := start + 1
		for i := start + 1; i < len(dst); i++ {
			if dst[i] != dst[k-1] {
				dst[k] = dst[i]
				k++
			}
		}
		dst = dst[:k]
	}
	return dst
}
