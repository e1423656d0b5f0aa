package app

import (
	"xiangzhi/backend/errs"
)

// ErrorJSON is what a failed call gives the frontend.
type ErrorJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// Also are the other fields' errors of the same form, when its check gathered them.
	Also []FieldError `json:"also,omitempty"`
}

// FieldError is one more field's error of a form.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// formatError turns any error from a bound method into {code, message, field, also} (Wails'
// ErrorFormatter).
func formatError(err error) any {
	e := errs.As(err)
	msg := e.Message
	if e.Code == errs.Internal && e.Err != nil {
		msg += "（" + e.Err.Error() + "）"
	}
	out := ErrorJSON{Code: e.Code, Message: msg, Field: e.Field}
	for _, o := range e.Also {
		out.Also = append(out.Also, FieldError{Field: o.Field, Message: o.Message})
	}
	return out
}
