// Progressive enhancement for the check-in page (pages/c/[token].tsx), which works without it:
// checks a step before it is posted (the same messages the server shows), shows the crisis panel
// as soon as a risk question is answered above zero, and saves the answers as the client goes
// (app/c/[token]/draft/route.ts). Plain script, no framework: the page ships nothing else.
// Text from the page goes in with textContent only, never as HTML.
;(function () {
  'use strict'
  // Tests (and anyone curious) can tell the script has run.
  document.documentElement.setAttribute('data-hydrated', 'true')
  var form = document.querySelector('form[data-checkin-form]')
  if (!form) return
  // Without ?step=… a reload resumes at the first part with a question left, with a welcome back
  // (the page needs the parameter only to post and redirect without script).
  if (location.search) history.replaceState(null, '', location.pathname)
  var itemId = form.getAttribute('data-item')
  var questions = Array.prototype.slice.call(form.querySelectorAll('fieldset[data-question]'))
  var summary = form.querySelector('[data-summary]')
  var status = form.querySelector('[data-save-status]')
  var progress = form.querySelector('[data-progress]')
  var progressText = form.querySelector('[data-progress-text]')
  var base = Number(form.getAttribute('data-answered-elsewhere') || '0')
  var total = progress ? Number(progress.getAttribute('max')) : 0
  var sending = false
  var timer = null
  var inFlight = false
  var again = false
  var attempted = summary && !summary.hidden

  function valueOf(fieldset) {
    var checked = fieldset.querySelector('input[type=radio]:checked')
    return checked ? Number(checked.value) : null
  }
  function values() {
    return questions.map(valueOf)
  }
  function gaps() {
    return questions.filter(function (q) {
      return valueOf(q) === null
    })
  }

  function showErrors(list) {
    questions.forEach(function (q) {
      var missing = list.indexOf(q) !== -1
      var error = document.getElementById(q.id + '-error')
      if (error) error.hidden = !missing
      if (missing) {
        q.setAttribute('aria-invalid', 'true')
        q.setAttribute('aria-describedby', q.id + '-error')
        q.classList.remove('border-stone-300')
        q.classList.add('border-l-8', 'border-red-700')
      } else {
        q.removeAttribute('aria-invalid')
        q.removeAttribute('aria-describedby')
        q.classList.remove('border-l-8', 'border-red-700')
        q.classList.add('border-stone-300')
      }
    })
    if (!summary) return
    summary.hidden = list.length === 0
    summary.querySelector('[data-one]').hidden = list.length !== 1
    summary.querySelector('[data-many]').hidden = list.length < 2
    var ul = summary.querySelector('ul')
    while (ul.firstChild) ul.removeChild(ul.firstChild)
    list.forEach(function (q) {
      var li = document.createElement('li')
      var a = document.createElement('a')
      a.href = '#' + q.id
      a.className = 'font-medium text-red-800 underline underline-offset-4'
      a.textContent = q.getAttribute('data-label') || ''
      li.appendChild(a)
      ul.appendChild(li)
    })
  }

  function updateProgress() {
    var answered =
      base +
      values().filter(function (v) {
        return v !== null
      }).length
    if (progress) progress.value = answered
    if (progressText) progressText.textContent = answered + ' of ' + total + ' questions answered'
  }

  function updateCrisis() {
    var risky = questions.some(function (q) {
      var v = valueOf(q)
      return q.hasAttribute('data-risk') && v !== null && v > 0
    })
    Array.prototype.forEach.call(form.querySelectorAll('[data-crisis]'), function (panel) {
      panel.hidden = !risky
    })
  }

  function say(text) {
    if (status) status.textContent = text
  }

  function save() {
    if (inFlight) {
      again = true
      return
    }
    inFlight = true
    again = false
    say('Saving…')
    var answers = {}
    answers[itemId] = values()
    fetch(location.pathname.replace(/\/$/, '') + '/draft', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ answers: answers }),
      credentials: 'omit',
      cache: 'no-store',
      // No Referer (the URL holds the link token); the Origin header still names this site.
      referrer: '',
      referrerPolicy: 'same-origin',
    })
      .then(function (res) {
        return res.json()
      })
      .then(function (r) {
        if (r.status === 'inactive' || r.status === 'not-found') return location.reload()
        say(
          r.status === 'ok'
            ? 'Your answers so far are saved.'
            : "We couldn't save your latest answers. They are still on this page; please check your connection.",
        )
      })
      .catch(function () {
        say("We couldn't save your latest answers. They are still on this page; please check your connection.")
      })
      .then(function () {
        inFlight = false
        if (again && !sending) save()
      })
  }

  form.addEventListener('change', function () {
    updateProgress()
    updateCrisis()
    if (attempted) showErrors(gaps())
    if (sending) return
    clearTimeout(timer)
    timer = setTimeout(save, 600)
  })

  form.addEventListener('submit', function (e) {
    var intent = e.submitter && e.submitter.value
    if (sending) return e.preventDefault()
    if (intent === 'next' || intent === 'send') {
      var list = gaps()
      if (list.length > 0) {
        e.preventDefault()
        attempted = true
        showErrors(list)
        if (summary) summary.focus()
        return
      }
    }
    // Posting the step saves it: no separate save needed.
    clearTimeout(timer)
    sending = true
    if (intent === 'send' && e.submitter) e.submitter.textContent = 'Sending…'
  })

  // Back to this page from the browser's history: the form can be posted again.
  window.addEventListener('pageshow', function () {
    sending = false
  })

  // Arriving with gaps marked by the server: the summary is where to start.
  if (summary && !summary.hidden) summary.focus()
})()
