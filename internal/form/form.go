// Package form compiles the embedded JSON Schemas (package schema) into
// Forms: the ordered columns of a CSV kind with their Chinese headers,
// aliases and reading rules, how the public build treats each column
// (x-personal), and a validator for one row. It depends on schema, csvio
// (for the Column type), privacy (for the Treatment type) and jsonschema
// only.
package form

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"lpg/internal/csvio"
	"lpg/internal/privacy"
	"lpg/schema"
)

// Kinds of form, named as the schema files are.
const (
	Hazards        = "hazards"
	Rectifications = "rectifications"
	Inspections    = "inspections"
	Towns          = "towns"
	Villages       = "villages"
	Enterprises    = "enterprises"
	HazardTypes    = "hazard_types"
	Accounts       = "accounts"
	Departments    = "departments"
	Liaisons       = "liaisons"
	Receipts       = "receipts"
)

// Prop is what the schema says of one field.
type Prop struct {
	Field    string
	Header   string            // canonical header (the schema's title)
	Kind     string            // text, code, date, phone, int
	Personal privacy.Treatment // x-personal: how the public build publishes the column ("" as is)
	Desc     string            // Chinese description
	Message  string            // Chinese message when the value breaks the schema
	Hint     string            // Chinese hint for that case
	Enum     []string          // allowed values, if any
}

// Form is a compiled CSV kind.
type Form struct {
	Name    string
	Title   string
	Props   []Prop // in schema order
	Columns []csvio.Column
	schema  *jsonschema.Schema // the reference: Check
	rules   *rules             // the same schema compiled: CheckCells
	byField map[string]*Prop
	index   map[string]int // field → index in Props
}

// Index returns the index of field in Props, or -1 when the form has no
// such field. At most 64 (compileAll refuses a schema with more).
func (f *Form) Index(field string) int {
	if i, ok := f.index[field]; ok {
		return i
	}
	return -1
}

// Prop returns the property of field (nil when unknown).
func (f *Form) Prop(field string) *Prop { return f.byField[field] }

// FieldOf returns the field of a header as a file may write it (canonical
// header, English field name or alias, matched as csvio matches headers),
// or "" when the form has no such column.
func (f *Form) FieldOf(header string) string {
	h := csvio.NormalizeHeader(header)
	for _, c := range f.Columns {
		if csvio.NormalizeHeader(c.Header) == h || csvio.NormalizeHeader(c.Field) == h {
			return c.Field
		}
		for _, a := range c.Aliases {
			if csvio.NormalizeHeader(a) == h {
				return c.Field
			}
		}
	}
	return ""
}

// Headers returns the canonical headers in order.
func (f *Form) Headers() []string {
	h := make([]string, len(f.Props))
	for i, p := range f.Props {
		h[i] = p.Header
	}
	return h
}

// Filled reports whether a 汇总表 row whose 整改状态 cell (field status)
// reads status reports anything: the cell is not empty after trimming
// spaces (README "设计卡未规定之处的决定", 汇总表的收件). The 预填汇总表 the
// site offers has a row for every distributed hazard with 整改状态 empty,
// so a row alone is no answer (adversarial review F15, G3). This is the
// one definition: validate counts model.File.Filled by it, rowdiff.Received
// (history, check, import) decides by it.
func Filled(status string) bool { return strings.TrimSpace(status) != "" }

var (
	once  sync.Once
	forms map[string]*Form
	err0  error
)

// Get returns the compiled form of kind name. It panics if the embedded
// schemas do not compile, which the package tests rule out.
func Get(name string) *Form {
	once.Do(func() { forms, err0 = compileAll() })
	if err0 != nil {
		panic(err0)
	}
	f, ok := forms[name]
	if !ok {
		panic(fmt.Sprintf("form: unknown kind %q", name))
	}
	return f
}

func compileAll() (map[string]*Form, error) {
	entries, err := schema.FS.ReadDir(".")
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	out := map[string]*Form{}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".schema.json")
		b, err := schema.FS.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		if err := c.AddResource(e.Name(), bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("schema %s: %w", e.Name(), err)
		}
		f, err := parseForm(name, b)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", e.Name(), err)
		}
		if f.schema, err = c.Compile(e.Name()); err != nil {
			return nil, fmt.Errorf("schema %s: %w", e.Name(), err)
		}
		index := make(map[string]int, len(f.Props))
		for i, p := range f.Props {
			index[p.Field] = i
		}
		if f.rules, err = compileRules(b, index); err != nil {
			return nil, fmt.Errorf("schema %s: %w", e.Name(), err)
		}
		if len(f.Props) > 64 {
			return nil, fmt.Errorf("schema %s: %d properties; validate marks a row's bad cells in 64 bits", e.Name(), len(f.Props))
		}
		f.index = index
		out[name] = f
	}
	return out, nil
}

type rawProp struct {
	Title    string   `json:"title"`
	Desc     string   `json:"description"`
	Kind     string   `json:"x-kind"`
	Personal string   `json:"x-personal"`
	Aliases  []string `json:"x-aliases"`
	Message  string   `json:"x-message"`
	Hint     string   `json:"x-hint"`
	Enum     []string `json:"enum"`
}

func parseForm(name string, b []byte) (*Form, error) {
	var top struct {
		Title      string          `json:"title"`
		Properties json.RawMessage `json:"properties"`
		Required   []string        `json:"required"`
	}
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, err
	}
	order, err := keyOrder(top.Properties)
	if err != nil {
		return nil, err
	}
	var props map[string]rawProp
	if err := json.Unmarshal(top.Properties, &props); err != nil {
		return nil, err
	}
	req := map[string]bool{}
	for _, r := range top.Required {
		req[r] = true
	}
	f := &Form{Name: name, Title: top.Title, byField: map[string]*Prop{}}
	for _, k := range order {
		p := props[k]
		kind := p.Kind
		if kind == "" {
			kind = "text"
		}
		personal := privacy.Treatment(p.Personal)
		if !personal.Valid() {
			return nil, fmt.Errorf("property %s: x-personal %q is none of %v", k, p.Personal, privacy.Treatments)
		}
		f.Props = append(f.Props, Prop{Field: k, Header: p.Title, Kind: kind, Personal: personal, Desc: p.Desc,
			Message: p.Message, Hint: p.Hint, Enum: p.Enum})
		f.Columns = append(f.Columns, csvio.Column{Field: k, Header: p.Title, Aliases: p.Aliases, Required: req[k]})
	}
	for i := range f.Props {
		f.byField[f.Props[i].Field] = &f.Props[i]
	}
	if name == Rectifications {
		f.Columns = append(f.Columns, Context...)
	}
	return f, nil
}

// ContextPrefix begins the field key of every context column.
const ContextPrefix = "context."

// Context are the read-only columns of the pre-filled 汇总表 workbook
// (issue 12 finding 3): what the town needs to know about each hazard
// without the 派发清单 beside it. They are recognised in a 汇总表 so that a
// file saved from that workbook reads without header errors, and ignored:
// they are no field of the form, so validation, the canonical file and
// lpg import leave them out. Their headers end in （参考） to say so.
var Context = []csvio.Column{
	{Field: ContextPrefix + "hazard_type", Header: "隐患类别（参考）"},
	{Field: ContextPrefix + "severity", Header: "隐患等级（参考）"},
	{Field: ContextPrefix + "address", Header: "用气地址（参考）"},
	{Field: ContextPrefix + "due_date", Header: "整改期限（参考）"},
	{Field: ContextPrefix + "days_late", Header: "逾期天数（参考）"},
}

// keyOrder returns the keys of a JSON object in document order.
func keyOrder(raw json.RawMessage) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// Violation is one schema rule a row breaks.
type Violation struct {
	Field   string // the field concerned
	Keyword string // required, pattern, enum, format, const, additionalProperties, …
}

var reQuoted = regexp.MustCompile(`'([^']+)'`)

// Check validates one row, given as its non-empty cells (field → value),
// with jsonschema and returns the rules it breaks, one per field and
// keyword, sorted. It is the reference CheckCells is tested against
// (validate uses CheckCells, ~50× cheaper).
func (f *Form) Check(row map[string]string) []Violation {
	obj := make(map[string]any, len(row))
	for k, v := range row {
		if v != "" {
			obj[k] = v
		}
	}
	err := f.schema.Validate(obj)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Violation{{Keyword: "internal"}}
	}
	seen := map[Violation]bool{}
	var out []Violation
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		kw := e.KeywordLocation[strings.LastIndex(e.KeywordLocation, "/")+1:]
		var fields []string
		switch kw {
		case "required", "additionalProperties":
			for _, m := range reQuoted.FindAllStringSubmatch(e.Message, -1) {
				fields = append(fields, m[1])
			}
		default:
			fields = []string{strings.TrimPrefix(e.InstanceLocation, "/")}
		}
		for _, fl := range fields {
			v := Violation{Field: fl, Keyword: kw}
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	walk(ve)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Field != out[j].Field {
			return out[i].Field < out[j].Field
		}
		return out[i].Keyword < out[j].Keyword
	})
	return out
}
