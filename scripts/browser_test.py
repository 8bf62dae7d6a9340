#!/usr/bin/env python3
"""The support console in headless Chromium (run by scripts/browser-test.sh, which starts the system).

Signs in, sees the original world's conversations answered, opens one, marks a hand-off resolved,
replays a dead letter once the simulator is mended, reads a page in Portuguese, and saves a
screenshot of each page. Fails (exit 1) on the first expectation not met, or on any error the
browser logs (a Content-Security-Policy violation, a script error).

Environment: CONSOLE_URL, SIM_URL, CONSOLE_USER, CONSOLE_PASSWORD, SCREENSHOT_DIR.
"""
import json
import os
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CONSOLE = os.environ["CONSOLE_URL"]
SIM = os.environ["SIM_URL"]
USER = os.environ["CONSOLE_USER"]
PASSWORD = os.environ["CONSOLE_PASSWORD"]
SHOTS = os.environ["SCREENSHOT_DIR"]
ANSWERED = ["754893", "754894", "754896", "754897"]  # the original world's conversations that get answered
BROKEN = "754895"  # fails until the simulator's knob is cleared: parked, dead-lettered, handed off


def step(text):
    print(f"browser-test: {text}", flush=True)


def browser(language):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1360,1000", f"--lang={language}", "--hide-scrollbars"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


def wait(driver, what, condition, timeout=60):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25,
                             ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: condition(d))
    except TimeoutException:
        shot(driver, "failure")
        raise AssertionError(f"timed out after {timeout} s waiting for {what} (page {driver.current_url})")


def shot(driver, name):
    path = os.path.join(SHOTS, f"{name}.png")
    # The whole page: as tall as its content.
    height = driver.execute_script("return Math.max(document.body.scrollHeight, 600)")
    driver.set_window_size(1360, min(int(height) + 40, 2400))
    driver.save_screenshot(path)
    driver.set_window_size(1360, 1000)
    step(f"screenshot {path}")


def text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def check_console_errors(driver):
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, f"the browser logged errors: {errors}"


def sign_in(driver):
    driver.get(CONSOLE + "/")
    wait(driver, "the sign-in page", lambda d: "/login" in d.current_url)
    driver.find_element(By.CSS_SELECTOR, "#login-password input[name=user]").send_keys(USER)
    driver.find_element(By.CSS_SELECTOR, "#login-password input[name=password]").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "#login-password button[type=submit]").click()
    wait(driver, "the first page after signing in", lambda d: d.current_url.rstrip("/") == CONSOLE)


def sim_config(knobs):
    request = urllib.request.Request(SIM + "/_sim/config", data=json.dumps(knobs).encode(),
                                     headers={"content-type": "application/json"}, method="POST")
    urllib.request.urlopen(request, timeout=5).read()


def sim_sent(conversation):
    with urllib.request.urlopen(f"{SIM}/_sim/sent?conversation_id={conversation}", timeout=5) as answer:
        return json.load(answer).get("sent", [])


def main():
    os.makedirs(SHOTS, exist_ok=True)
    driver = browser("en-US")
    try:
        step("a page without a session goes to the sign-in page")
        driver.get(CONSOLE + "/overview")
        wait(driver, "the sign-in form", lambda d: d.find_elements(By.ID, "login-password"))
        assert "next=%2Foverview" in driver.current_url, driver.current_url
        shot(driver, "login")
        driver.find_element(By.CSS_SELECTOR, "#login-password input[name=user]").send_keys(USER)
        driver.find_element(By.CSS_SELECTOR, "#login-password input[name=password]").send_keys("wrong password")
        driver.find_element(By.CSS_SELECTOR, "#login-password button[type=submit]").click()
        wait(driver, "the refusal", lambda d: "not right" in text(d))
        driver.get_log("browser")  # drops the log's line for that 401, which was meant
        sign_in(driver)
        assert USER in text(driver)

        step("the original world's conversations are answered (overview, live)")
        driver.get(CONSOLE + "/overview")
        wait(driver, "four answered conversations among the latest replies",
             lambda d: all(d.find_elements(By.CSS_SELECTOR, f'#recent a[href="/conversations/{c}"]') for c in ANSWERED))
        wait(driver, "the broken conversation parked",
             lambda d: d.find_elements(By.CSS_SELECTOR, f'#parked a[href="/conversations/{BROKEN}"]'))
        wait(driver, "both processes alive and ready",
             lambda d: len(d.find_elements(By.CSS_SELECTOR, "#processes .pill.ok")) >= 4)
        body = text(driver)
        assert "dispatcher" in body and "worker" in body, body
        shot(driver, "overview")

        step("needs a person: the parked conversation's hand-off, with the client's messages")
        driver.get(CONSOLE + "/")
        handoff = f'article.handoff[data-conversation="{BROKEN}"]'
        wait(driver, "the hand-off of the broken conversation", lambda d: d.find_elements(By.CSS_SELECTOR, handoff))
        assert "repeated_failure" in driver.find_element(By.CSS_SELECTOR, handoff).text
        shot(driver, "needs-a-person")

        step("a conversation found by its id, with its messages, route and ledger")
        box = driver.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
        box.send_keys(ANSWERED[0])
        box.submit()
        wait(driver, "the conversation page", lambda d: d.current_url.endswith(f"/conversations/{ANSWERED[0]}"))
        wait(driver, "a sent reply in the ledger", lambda d: d.find_elements(By.CSS_SELECTOR, "#ledger .status.sent"))
        body = text(driver)
        assert "Route" in body and "receipt" in body, body
        assert driver.find_elements(By.CSS_SELECTOR, "#messages .message.client"), "the client's messages"
        assert driver.find_elements(By.CSS_SELECTOR, "#messages .message.echo"), "the echo of the reply"
        shot(driver, "conversation")

        step("a merchant's conversations")
        driver.get(CONSOLE + "/search?q=558392")
        wait(driver, "the merchant's conversation", lambda d: d.find_elements(By.CSS_SELECTOR, f'a[href="/conversations/{ANSWERED[0]}"]'))

        step("mark the hand-off resolved")
        driver.get(CONSOLE + "/")
        wait(driver, "the hand-off", lambda d: d.find_elements(By.CSS_SELECTOR, handoff))
        driver.find_element(By.CSS_SELECTOR, f"{handoff} form.actions button").click()
        wait(driver, "the confirmation", lambda d: "marked resolved" in text(d))
        assert not driver.find_elements(By.CSS_SELECTOR, handoff), "the resolved hand-off is gone from the list"
        driver.get(CONSOLE + f"/conversations/{BROKEN}")
        wait(driver, "who resolved it", lambda d: f"resolved by {USER}" in text(d))

        step("the simulator is mended; replay the dead letter")
        sim_config({"broken_conversations": []})
        # The parked conversation open in a second window: its page must show the reply by refreshing itself.
        listing = driver.current_window_handle
        driver.switch_to.new_window("window")
        watcher = driver.current_window_handle
        driver.get(CONSOLE + f"/conversations/{BROKEN}")
        wait(driver, "the parked conversation's page", lambda d: "parked" in d.find_element(By.TAG_NAME, "h1").text)
        assert not driver.find_elements(By.CSS_SELECTOR, "#ledger .status.sent"), "no reply yet"
        driver.execute_script("window.consoleTestMarker = 1")
        driver.switch_to.window(listing)
        driver.get(CONSOLE + "/dead-letters")
        row = f'#dead-letters tr[data-conversation="{BROKEN}"]'
        wait(driver, "the dead letter", lambda d: d.find_elements(By.CSS_SELECTOR, row))
        driver.find_element(By.CSS_SELECTOR, f"{row} summary").click()
        assert BROKEN in driver.find_element(By.CSS_SELECTOR, f"{row} pre.body").text
        shot(driver, "dead-letters")
        driver.find_element(By.CSS_SELECTOR, f"{row} form button").click()
        wait(driver, "the replay's confirmation", lambda d: "1 dead letter(s) replayed" in text(d))
        deadline = time.time() + 60
        while not sim_sent(BROKEN):
            assert time.time() < deadline, "the replayed conversation was not answered within 60 s"
            time.sleep(0.5)
        step("the conversation's open page shows the reply by itself (live refresh)")
        driver.switch_to.window(watcher)
        wait(driver, "its reply in the ledger", lambda d: d.find_elements(By.CSS_SELECTOR, "#ledger .status.sent"))
        wait(driver, "its state", lambda d: "parked" not in d.find_element(By.TAG_NAME, "h1").text)
        assert driver.execute_script("return window.consoleTestMarker") == 1, "the page was reloaded, not refreshed"
        check_console_errors(driver)
        driver.close()
        driver.switch_to.window(listing)

        step("sign out")
        driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
        wait(driver, "the sign-in page", lambda d: "/login" in d.current_url)
        driver.get(CONSOLE + "/")
        wait(driver, "a signed-out browser sent to the sign-in page", lambda d: "/login" in d.current_url)
    finally:
        driver.quit()

    step("the console in Portuguese (Accept-Language: pt-BR)")
    driver = browser("pt-BR")
    try:
        sign_in(driver)
        driver.get(CONSOLE + "/overview")
        wait(driver, "the Portuguese overview", lambda d: "Visão geral" in text(d) and "Últimas respostas" in text(d))
        shot(driver, "overview-pt-BR")
        check_console_errors(driver)
    finally:
        driver.quit()
    print("browser-test: 1 passed, 0 failed", flush=True)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"browser-test: FAILED: {error}", file=sys.stderr, flush=True)
        print("browser-test: 0 passed, 1 failed", flush=True)
        sys.exit(1)
