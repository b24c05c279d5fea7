// Package schema embeds the JSON Schemas (draft 2020-12) of lpg's CSV
// kinds: one file <kind>.schema.json per form (hazards, rectifications,
// inspections, towns, villages, enterprises, hazard_types, accounts,
// departments, liaisons, receipts). Each schema describes one row as an object of its non-empty
// cells; the x-* keywords (x-kind, x-personal, x-aliases, x-message,
// x-hint) carry the Chinese wording and the reading rules lpg applies
// before validation (DESIGN.md "CSV conventions"). Package form compiles
// them.
package schema

import "embed"

// FS holds every *.schema.json file of this directory.
//
//go:embed *.schema.json
var FS embed.FS
