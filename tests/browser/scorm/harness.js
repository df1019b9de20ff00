// The test LMS: window.API (SCORM 1.2) or window.API_1484_11 (2004) from scorm-again,
// set up before the package loads. ?v=1.2|2004 picks the version; window.__resume
// (set by the test) holds the data an LMS would give back on the next launch.
// Every value the course sets is logged in window.harness.log, and every call in
// window.harness.calls, for the test to read after the course has finished.
(function () {
  var v = new URLSearchParams(location.search).get('v') || '1.2';
  var log = [];
  var calls = [];
  var settings = { autocommit: false, logLevel: 5 };
  var api = v === '1.2' ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  if (window.__resume) api.loadFromJSON(window.__resume, 'cmi');
  var names = v === '1.2'
    ? ['LMSInitialize', 'LMSFinish', 'LMSCommit', 'LMSSetValue']
    : ['Initialize', 'Terminate', 'Commit', 'SetValue'];
  names.forEach(function (name) {
    var real = api[name].bind(api);
    api[name] = function (a, b) {
      var r = real(a, b);
      calls.push([name, a, String(r)]);
      if (/SetValue$/.test(name) && String(r) === 'true') log.push([a, b]);
      return r;
    };
  });
  window.harness = { version: v, log: log, calls: calls, api: api };
  if (v === '1.2') window.API = api;
  else window.API_1484_11 = api;
  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('sco').src = 'pkg/scorm.html';
  });
})();
