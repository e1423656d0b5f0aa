// Package errs is the one error type of the backend: a code callers branch on, a Chinese message
// a person can read, and the field the error concerns.
package errs

import (
	"errors"
	"fmt"
)

// The error codes. Callers branch on these, never on message text.
const (
	Invalid   = "invalid"
	NotFound  = "not_found"
	Conflict  = "conflict"
	Forbidden = "forbidden"
	Internal  = "internal"
)

// Error is a backend error with a code, a message for a person and, where it applies, a field.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	Err     error  `json:"-"`
	// Also are the other fields' errors of the same form, when its check gathered them (Problems).
	Also []*Error `json:"also,omitempty"`
}

// Error returns the message, followed by the wrapped cause when there is one.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// All returns e followed by the errors in its Also.
func (e *Error) All() []*Error { return append([]*Error{e}, e.Also...) }

// Messages returns the message, followed by those of the errors in Also, separated by "；".
func (e *Error) Messages() string {
	m := e.Message
	for _, o := range e.Also {
		m += "；" + o.Message
	}
	return m
}

// Unwrap returns the wrapped cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error with the given code and message.
func New(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Field returns an invalid-input error about one field.
func Field(field, format string, args ...any) *Error {
	return &Error{Code: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error with the given code and message that wraps cause.
func Wrap(cause error, code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: cause}
}

// CodeOf returns the code of err: that of the first *Error in its chain, or Internal.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns the first *Error in err's chain, or one with code Internal that wraps err.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: "内部错误", Err: err}
}
