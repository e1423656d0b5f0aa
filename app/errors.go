package app

import (
	"xiangzhi/backend/errs"
)

// ErrorJSON is what a failed call gives the frontend.
type ErrorJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// formatError turns any error from a bound method into {code, message, field} (Wails' ErrorFormatter).
func formatError(err error) any {
	e := errs.As(err)
	msg := e.Message
	if e.Code == errs.Internal && e.Err != nil {
		msg += "（" + e.Err.Error() + "）"
	}
	return ErrorJSON{Code: e.Code, Message: msg, Field: e.Field}
}
