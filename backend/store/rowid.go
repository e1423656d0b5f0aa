package store

import (
	"encoding/hex"

	"github.com/google/uuid"
)

// packID is how a row id is stored in the history tables (audit_log, field_versions): a canonical
// UUID as its 16 bytes, anything else (a local setting's name) as the text itself. unpackID undoes it.
func packID(id string) any {
	if len(id) == 36 {
		if u, err := uuid.Parse(id); err == nil && u.String() == id {
			return u[:]
		}
	}
	return id
}

// unpackID gives back the text of a row id stored by packID.
func unpackID(v any) string {
	switch x := v.(type) {
	case []byte:
		if len(x) == 16 {
			var u uuid.UUID
			copy(u[:], x)
			return u.String()
		}
		return hex.EncodeToString(x)
	case string:
		return x
	}
	return ""
}
