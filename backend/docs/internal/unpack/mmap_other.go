//go:build !unix && !windows

package unpack

// mapFile reads the file at path where the system has no mapping this package knows.
func mapFile(path string) ([]byte, func(), error) { return readFile(path) }
