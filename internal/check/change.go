package check

import "lpg/internal/repository"

// change is one path that a merge would change on the base branch
// (repository.Merge: named relative to the lpg root, "/p" for a path
// outside it; From or To is the zero entry when the file is absent on
// that side).
type change = repository.Change
