// Loaded in <head>, before the page is drawn: says that scripts run, so hub.css lets the USWDS menu
// (opened by its Menu button) replace the plain list the navigation is without scripts.
document.documentElement.classList.add("hub-js");
