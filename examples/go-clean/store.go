package main

import "sync"

// store keeps the values in memory and says whether the service takes traffic.
type store struct {
	mu     sync.RWMutex
	values map[string]string
	ready  bool
}

func newStore() *store {
	return &store{values: map[string]string{}, ready: true}
}

func (s *store) get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.values[key]
	return v, ok
}

func (s *store) put(key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
}

func (s *store) isReady() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ready
}

func (s *store) setReady(ready bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ready = ready
}
