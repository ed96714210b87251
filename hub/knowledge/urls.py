from hub.knowledge.views import consultations
from hub.knowledge.views import documents
from hub.knowledge.views import practices
from hub.knowledge.views import search
from hub.knowledge.views import terminology

urlpatterns = [
    *terminology.urlpatterns,
    *documents.urlpatterns,
    *practices.urlpatterns,
    *consultations.urlpatterns,
    *search.urlpatterns,
]
