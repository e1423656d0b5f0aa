//go:build !unix && !windows

package unpack

import (
	"errors"
	"os"
)

// mapOpen cannot map on this system: the file is read instead.
func mapOpen(*os.File, int) ([]byte, func(), error) { return nil, nil, errors.New("no mapping here") }
