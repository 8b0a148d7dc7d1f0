from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assessments.selectors import webs_of_visitor


def my_webs(request: HttpRequest) -> HttpResponse:
    return render(request, "people/my_webs.html", {"webs": webs_of_visitor(request)})
