from hub.legal.views import checklist
from hub.legal.views import codings
from hub.legal.views import compare
from hub.legal.views import io
from hub.legal.views import profiles

urlpatterns = [
    *checklist.urlpatterns,
    *profiles.urlpatterns,
    *codings.urlpatterns,
    *compare.urlpatterns,
    *io.urlpatterns,
]
