package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPutThenGet(t *testing.T) {
	h := routes(newStore())

	put := httptest.NewRecorder()
	h.ServeHTTP(put, httptest.NewRequest(http.MethodPut, "/kv/greeting", strings.NewReader("hello")))
	if put.Code != http.StatusNoContent {
		t.Fatalf("PUT: status %d", put.Code)
	}

	get := httptest.NewRecorder()
	h.ServeHTTP(get, httptest.NewRequest(http.MethodGet, "/kv/greeting", nil))
	if get.Code != http.StatusOK || !strings.Contains(get.Body.String(), `"value":"hello"`) {
		t.Fatalf("GET: status %d, body %q", get.Code, get.Body.String())
	}
}

func TestReadyzFollowsShutdown(t *testing.T) {
	s := newStore()
	h := routes(s)
	s.setReady(false)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", rec.Code)
	}
}
